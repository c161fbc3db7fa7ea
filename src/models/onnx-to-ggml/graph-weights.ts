/**
 * Finds the model's parameters in an ONNX graph and returns them de-quantized, in PyTorch layout,
 * keyed by their PyTorch parameter name relative to the encoder or decoder module
 * ("layers.0.self_attn.q_proj.weight", "embed_tokens.weight", "conv1.bias").
 *
 * onnxruntime's dynamic quantization renames weights ("onnx::MatMul_883_quantized"), so a
 * quantized weight's parameter name comes from the node that consumes it
 * ("/model/decoder/layers.0/self_attn/q_proj/MatMul_quant" -> "layers.0.self_attn.q_proj"), and
 * its scale from the graph around that node. Float initializers keep their PyTorch names, with
 * optimum's "_merged_0" suffix in merged decoders. The merged decoder's nodes sit in `If`
 * subgraphs while the initializers they read sit in the outer graph.
 */
import { AppError } from "../../errors.ts";
import { dequantize, transpose2d, type FloatTensor } from "./dequantize.ts";
import type { OnnxGraph, OnnxNode, OnnxTensor } from "./onnx-model.ts";
import { OnnxDataType } from "./onnx-model.ts";
import { floatValues, integerValues, isQuantizedType, scalarValue } from "./onnx-tensor.ts";

interface GraphScope {
  constants: Map<string, OnnxTensor>;
  consumers: Map<string, OnnxNode[]>;
  producers: Map<string, OnnxNode>;
}

/** Parameters are de-quantized on demand, so a converter can stream them one at a time. */
export type LazyWeights = Map<string, () => FloatTensor>;

export function extractWeights(graph: OnnxGraph): LazyWeights {
  const weights: LazyWeights = new Map();
  // The merged decoder's two branches read the same initializers: the first finding wins.
  const add = (name: string, make: () => FloatTensor) => {
    if (!weights.has(name)) weights.set(name, make);
  };
  const visit = (g: OnnxGraph, outerConstants: ReadonlyMap<string, OnnxTensor>) => {
    const scope = graphScope(g, outerConstants);
    for (const node of g.nodes) {
      const found = nodeWeight(node, scope);
      if (found) add(found.name, found.make);
    }
    for (const [name, tensor] of scope.constants) {
      const parameter = parameterName(name);
      if (parameter && tensor.dataType === OnnxDataType.FLOAT) {
        add(parameter, () => ({ shape: tensor.dims, data: floatValues(tensor) }));
      }
    }
    for (const node of g.nodes) for (const subgraph of Object.values(node.subgraphs)) visit(subgraph, scope.constants);
  };
  visit(graph, new Map());
  return weights;
}

interface FoundWeight {
  name: string;
  make: () => FloatTensor;
}

function nodeWeight(node: OnnxNode, scope: GraphScope): FoundWeight | undefined {
  switch (node.opType) {
    case "MatMulInteger":
    case "ConvInteger": {
      const weight = scope.constants.get(node.inputs[1] ?? "");
      if (!weight || !isQuantizedType(weight)) return undefined;
      return {
        name: `${moduleName(node)}.weight`,
        make: () => {
          const values = dequantize(integerValues(weight), {
            scale: integerOpWeightScale(node, scope),
            zeroPoint: optionalScalar(scope, node.inputs[3]),
          });
          const tensor = { shape: weight.dims, data: values };
          return node.opType === "MatMulInteger" ? transpose2d(tensor) : tensor;
        },
      };
    }
    case "DequantizeLinear":
      return dequantizedWeight(node, scope);
    case "MatMul":
    case "Conv":
    case "Gather": {
      const weightInput = node.opType === "Gather" ? node.inputs[0] : node.inputs[1];
      const weight = scope.constants.get(weightInput ?? "");
      if (!weight || weight.dataType !== OnnxDataType.FLOAT || weight.dims.length < 2) return undefined;
      return {
        name: `${moduleName(node)}.weight`,
        make: () => {
          const tensor = { shape: weight.dims, data: floatValues(weight) };
          return node.opType === "MatMul" ? transpose2d(tensor) : tensor;
        },
      };
    }
    default:
      return undefined;
  }
}

/**
 * One graph's nodes with the constants visible to them (its own and its enclosing graphs'). The
 * merged decoder's branches reuse output names, so producers and consumers are per graph.
 */
function graphScope(graph: OnnxGraph, outerConstants: ReadonlyMap<string, OnnxTensor>): GraphScope {
  const scope: GraphScope = { constants: new Map(outerConstants), consumers: new Map(), producers: new Map() };
  for (const tensor of graph.initializers) scope.constants.set(tensor.name, tensor);
  for (const node of graph.nodes) {
    if (node.opType === "Constant" && node.tensors.value && node.outputs[0]) {
      scope.constants.set(node.outputs[0], node.tensors.value);
    }
    for (const output of node.outputs) scope.producers.set(output, node);
    for (const input of node.inputs) {
      const list = scope.consumers.get(input) ?? [];
      list.push(node);
      scope.consumers.set(input, list);
    }
  }
  return scope;
}

/**
 * The weight scale of a MatMulInteger/ConvInteger: onnxruntime rescales the int32 result with
 * Mul(Cast(result), Mul(activation_scale, weight_scale)); the weight scale is the constant one.
 */
function integerOpWeightScale(node: OnnxNode, scope: GraphScope): number {
  const cast = onlyConsumer(scope, node.outputs[0], "Cast");
  const rescale = cast && onlyConsumer(scope, cast.outputs[0], "Mul");
  const factor = rescale?.inputs.find((input) => input !== cast?.outputs[0]);
  const direct = factor !== undefined ? scope.constants.get(factor) : undefined;
  if (direct) return scalarValue(direct);
  const product = factor !== undefined ? scope.producers.get(factor) : undefined;
  const scale = product?.opType === "Mul" ? product.inputs.map((i) => scope.constants.get(i)).find(Boolean) : undefined;
  if (!scale) throw new AppError("MODEL_INVALID", `cannot find the weight scale of node ${node.name}`);
  return scalarValue(scale);
}

/** QDQ patterns: DequantizeLinear(initializer) -> MatMul/Conv/Gather, or Gather(initializer) -> DequantizeLinear. */
function dequantizedWeight(node: OnnxNode, scope: GraphScope): FoundWeight | undefined {
  const quantization = () => ({
    scale: scalarValue(requireConstant(scope, node.inputs[1], node)),
    zeroPoint: optionalScalar(scope, node.inputs[2]),
  });
  const direct = scope.constants.get(node.inputs[0] ?? "");
  if (direct && isQuantizedType(direct)) {
    const user = scope.consumers.get(node.outputs[0] ?? "")?.[0];
    if (!user || !["MatMul", "Conv", "Gather"].includes(user.opType)) return undefined;
    return {
      name: `${moduleName(user)}.weight`,
      make: () => {
        const tensor = { shape: direct.dims, data: dequantize(integerValues(direct), quantization()) };
        return user.opType === "MatMul" ? transpose2d(tensor) : tensor;
      },
    };
  }
  const gather = scope.producers.get(node.inputs[0] ?? "");
  const table = gather?.opType === "Gather" ? scope.constants.get(gather.inputs[0] ?? "") : undefined;
  if (!gather || !table || !isQuantizedType(table)) return undefined;
  return {
    name: `${moduleName(gather)}.weight`,
    make: () => ({ shape: table.dims, data: dequantize(integerValues(table), quantization()) }),
  };
}

function onlyConsumer(scope: GraphScope, output: string | undefined, opType: string): OnnxNode | undefined {
  const users = scope.consumers.get(output ?? "") ?? [];
  return users.length === 1 && users[0]!.opType === opType ? users[0] : undefined;
}

function requireConstant(scope: GraphScope, name: string | undefined, node: OnnxNode): OnnxTensor {
  const tensor = scope.constants.get(name ?? "");
  if (!tensor) throw new AppError("MODEL_INVALID", `node ${node.name} reads ${name}, which is not a constant`);
  return tensor;
}

/** An absent zero point means 0 in ONNX. */
function optionalScalar(scope: GraphScope, name: string | undefined): number {
  const tensor = name ? scope.constants.get(name) : undefined;
  return tensor ? scalarValue(tensor) : 0;
}

/** "/model/decoder/layers.0/fc1/MatMul_quant" -> "layers.0.fc1"; "/conv1/Conv_quant" -> "conv1". */
function moduleName(node: OnnxNode): string {
  const segments = node.name.split("/").filter(Boolean);
  return stripModelPrefix(segments.slice(0, -1).join("."));
}

/** "model.decoder.layers.0.fc1.bias_merged_0" -> "layers.0.fc1.bias"; generated names -> undefined. */
function parameterName(initializer: string): string | undefined {
  if (!/^[A-Za-z_][\w.]*$/.test(initializer)) return undefined;
  return stripModelPrefix(initializer.replace(/_merged_\d+$/, ""));
}

function stripModelPrefix(name: string): string {
  return name.replace(/^model\.(encoder|decoder)\./, "");
}
