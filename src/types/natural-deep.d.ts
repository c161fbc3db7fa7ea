// natural's index pulls in storage adapters that print dotenv banners on stdout, so the
// project imports its stemmers and distances by deep path; these are their shapes.
declare module "natural/lib/natural/stemmers/porter_stemmer_fr.js" {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module "natural/lib/natural/distance/jaro-winkler_distance.js" {
  export default function jaroWinkler(a: string, b: string, dt?: number, ignoreCase?: boolean): number;
}
declare module "natural/lib/natural/distance/levenshtein_distance.js" {
  export function LevenshteinDistance(a: string, b: string): number;
}
declare module "natural/lib/natural/util/stopwords.js" {
  export const words: string[];
}
declare module "natural/lib/natural/util/stopwords_fr.js" {
  export const words: string[];
}
