/**
 * The official whisper.cpp ggml models that `npm run models:download` fetches. The URLs name a
 * fixed revision of the Hugging Face repository rather than `main`, so the size and sha256 below
 * stay the truth for the bytes served; both were cross-checked against independent public sources.
 */

export const OFFICIAL_MODEL_NAMES = ["base", "small"] as const;
export type OfficialModelName = (typeof OFFICIAL_MODEL_NAMES)[number];

export interface OfficialModel {
  name: OfficialModelName;
  /** File name in models/, as whisper.cpp publishes it. */
  file: string;
  url: string;
  bytes: number;
  sha256: string;
}

export const OFFICIAL_REVISION = "5359861c739e955e79d9a303bcbc70fb988958b1";
export const OFFICIAL_BASE_URL = `https://huggingface.co/ggerganov/whisper.cpp/resolve/${OFFICIAL_REVISION}`;

export const OFFICIAL_MODELS: readonly OfficialModel[] = [
  {
    name: "base",
    file: "ggml-base-q5_1.bin",
    url: `${OFFICIAL_BASE_URL}/ggml-base-q5_1.bin`,
    bytes: 59_707_625,
    sha256: "422f1ae452ade6f30a004d7e5c6a43195e4433bc370bf23fac9cc591f01a8898",
  },
  {
    name: "small",
    file: "ggml-small-q5_1.bin",
    url: `${OFFICIAL_BASE_URL}/ggml-small-q5_1.bin`,
    bytes: 190_085_487,
    sha256: "ae85e4a935d7a567bd102fe55afc16bb595bdb618e11b2fc7591bc08120411bb",
  },
];

export function officialModel(name: OfficialModelName): OfficialModel {
  return OFFICIAL_MODELS.find((m) => m.name === name)!;
}

/** The catalogue entry a file is, by name and content; a file with an official name but other bytes is not one. */
export function identifyOfficialModel(file: string, sha256: string): OfficialModel | undefined {
  return OFFICIAL_MODELS.find((m) => m.file === file && m.sha256 === sha256);
}

/** Where a model is fetched from when a mirror replaces Hugging Face (`--base-url`): the same file name under it. */
export function modelUrl(model: OfficialModel, baseUrl?: string): string {
  return baseUrl ? `${baseUrl.replace(/\/+$/, "")}/${model.file}` : model.url;
}
