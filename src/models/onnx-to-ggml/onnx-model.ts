/**
 * ONNX model file -> plain graph data. Decoding is protobufjs over the embedded onnx.proto
 * subset; everything downstream works on the plain `OnnxGraph` below, never on protobuf objects.
 */
import protobuf from "protobufjs";
import { AppError } from "../../errors.ts";
import { ONNX_PROTO_SUBSET } from "./onnx-schema.ts";

/** TensorProto.DataType values the converter understands (the ONNX spec's numbering). */
export const OnnxDataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  FLOAT16: 10,
} as const;

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  /** Little-endian element bytes, whether the file used raw_data or a typed repeated field. */
  bytes: Uint8Array;
}

export interface OnnxNode {
  name: string;
  opType: string;
  inputs: string[];
  outputs: string[];
  /** Graph-valued attributes (the `then_branch`/`else_branch` of an `If`), by attribute name. */
  subgraphs: Record<string, OnnxGraph>;
  /** Tensor-valued attributes (the `value` of a `Constant`), by attribute name. */
  tensors: Record<string, OnnxTensor>;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
}

interface DecodedTensor {
  name?: string;
  dims?: Array<number | protobuf.Long>;
  dataType?: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: Array<number | protobuf.Long>;
  dataLocation?: number;
}

interface DecodedAttribute {
  name?: string;
  t?: DecodedTensor;
  g?: DecodedGraph;
}

interface DecodedNode {
  name?: string;
  opType?: string;
  input?: string[];
  output?: string[];
  attribute?: DecodedAttribute[];
}

interface DecodedGraph {
  name?: string;
  node?: DecodedNode[];
  initializer?: DecodedTensor[];
}

interface DecodedModel {
  graph?: DecodedGraph;
}

/** Parses the embedded schema; cheap enough to do per conversion, and keeps no module state. */
function modelType(): protobuf.Type {
  return protobuf.parse(ONNX_PROTO_SUBSET, { keepCase: false }).root.lookupType("onnx.ModelProto");
}

export function parseOnnxModel(file: Uint8Array, label: string): OnnxGraph {
  let decoded: DecodedModel;
  try {
    decoded = modelType().decode(file) as unknown as DecodedModel;
  } catch (err) {
    throw new AppError("MODEL_INVALID", `${label} is not an ONNX model`, { cause: err });
  }
  if (!decoded.graph) throw new AppError("MODEL_INVALID", `${label} has no graph`);
  return toGraph(decoded.graph, label);
}

function toGraph(graph: DecodedGraph, label: string): OnnxGraph {
  return {
    name: graph.name ?? "",
    nodes: (graph.node ?? []).map((node) => toNode(node, label)),
    initializers: (graph.initializer ?? []).map((tensor) => toTensor(tensor, label)),
  };
}

function toNode(node: DecodedNode, label: string): OnnxNode {
  const subgraphs: Record<string, OnnxGraph> = {};
  const tensors: Record<string, OnnxTensor> = {};
  for (const attribute of node.attribute ?? []) {
    const name = attribute.name ?? "";
    if (attribute.g) subgraphs[name] = toGraph(attribute.g, label);
    if (attribute.t) tensors[name] = toTensor(attribute.t, label);
  }
  return {
    name: node.name ?? "",
    opType: node.opType ?? "",
    inputs: node.input ?? [],
    outputs: node.output ?? [],
    subgraphs,
    tensors,
  };
}

function toTensor(tensor: DecodedTensor, label: string): OnnxTensor {
  const name = tensor.name ?? "";
  if (tensor.dataLocation === 1) {
    throw new AppError("MODEL_INVALID", `${label}: tensor ${name} uses external data, which is not supported`);
  }
  const dims = (tensor.dims ?? []).map(Number);
  const dataType = tensor.dataType ?? 0;
  return { name, dims, dataType, bytes: tensorBytes(tensor, dataType) };
}

/** ONNX may store small tensors in typed repeated fields instead of raw_data: normalise to bytes. */
function tensorBytes(tensor: DecodedTensor, dataType: number): Uint8Array {
  if (tensor.rawData && tensor.rawData.length > 0) return tensor.rawData;
  if (tensor.floatData?.length) return new Uint8Array(Float32Array.from(tensor.floatData).buffer);
  if (tensor.int64Data?.length) {
    return new Uint8Array(BigInt64Array.from(tensor.int64Data, (v) => BigInt(v.toString())).buffer);
  }
  if (tensor.int32Data?.length) {
    // int8, uint8, int32 and float16 all travel in int32_data, one element per entry.
    const values = tensor.int32Data;
    if (dataType === OnnxDataType.INT8) return new Uint8Array(Int8Array.from(values).buffer);
    if (dataType === OnnxDataType.UINT8) return Uint8Array.from(values);
    if (dataType === OnnxDataType.FLOAT16) return new Uint8Array(Uint16Array.from(values).buffer);
    return new Uint8Array(Int32Array.from(values).buffer);
  }
  return new Uint8Array(0);
}
