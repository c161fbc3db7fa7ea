import type { Utterance } from "../../src/transcript/types.ts";

/** Campaign settings the transcripts below are written for. */
export const FIBRALIS = { brand: "Fibralis", subcontractor: "Axiome Contact", dataSources: ["Comparatel"] };

function timed(turns: Array<[Utterance["speaker"], string]>): Utterance[] {
  return turns.map(([speaker, text], i) => ({ speaker, text, start: i * 4, end: i * 4 + 3.5 }));
}

/** Every disclosure before the pitch. */
export const COMPLIANT_FR: Utterance[] = timed([
  ["agent", "Bonjour, Julie de la société Axiome Contact, je vous appelle pour le compte de Fibralis."],
  ["agent", "Il s'agit d'un appel commercial pour vous présenter les offres de Fibralis."],
  ["agent", "Nous avons obtenu votre numéro via le site Comparatel."],
  ["agent", "Vous pouvez vous opposer à tout moment à être démarché, il suffit de me le dire."],
  ["agent", "Cet appel est susceptible d'être enregistré, vous pouvez vous opposer à cet enregistrement."],
  ["customer", "D'accord."],
  ["agent", "Je vous propose notre offre fibre à 24,99 euros par mois."],
  ["customer", "Je vais réfléchir, merci."],
]);

/** Pitches straight after the greeting: the disclosures are missing. */
export const NON_COMPLIANT_FR: Utterance[] = timed([
  ["agent", "Bonjour madame, Julie de chez Axiome Contact."],
  ["agent", "Je vous propose notre offre fibre à 24,99 euros par mois, sans engagement."],
  ["customer", "C'est combien après un an ?"],
  ["agent", "Le prix reste le même."],
]);
