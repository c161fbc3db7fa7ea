import { describe, expect, it } from "vitest";
import { ibanValid, luhnValid, redact, redactText, spokenDigits } from "../../src/privacy/redact.ts";

const kinds = (text: string) => redact(text).found;

describe("number words read as digits", () => {
  it.each([
    ["quatre mille cent onze", "4111"],
    ["quatre mille cent onze mille cent onze", "41111111"],
    ["four thousand one hundred eleven", "4111"],
    ["four one one one", "4111"],
    ["zéro six douze trente quatre cinquante six soixante dix huit", "0612345678"],
    ["soixante dix sept quatre vingt dix neuf quatre vingts", "779980"],
    ["oh seven seven double oh nine", "077009"],
    ["vingt et un", "21"],
    ["one hundred and five", "105"],
    ["deux mille vingt six", "2026"],
    ["06 12 trente-quatre", "061234"],
    ["triple five", "555"],
  ])("%s -> %s", (words, digits) => {
    expect(spokenDigits(words.split(/[\s-]+/))).toBe(digits);
  });
});

describe("checksums", () => {
  it("Luhn accepts test card numbers and refuses a changed digit", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("5555555555554444")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });
  it("mod-97 accepts real IBAN shapes and refuses a changed digit", () => {
    expect(ibanValid("FR7630006000011234567890189")).toBe(true);
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("FR7630006000011234567890188")).toBe(false);
  });
});

describe("redact", () => {
  it.each([
    // cards
    ["Carte 4111 1111 1111 1111, expire 12/27.", "Carte [CARD], expire 12/27."],
    ["c'est 4111-1111-1111-1111", "c'est [CARD]"],
    ["Ma carte c'est quatre mille cent onze, mille cent onze, mille cent onze, mille cent onze.", "Ma carte c'est [CARD]."],
    ["My card number is four one one one, one one one one, one one one one, one one one one.", "My card number is [CARD]."],
    ["five five five five, five five five five, five five five five, four four four four", "[CARD]"],
    // IBANs
    ["Mon IBAN : FR76 3000 6000 0112 3456 7890 189.", "Mon IBAN : [IBAN]."],
    ["IBAN FR7630006000011234567890189 merci", "IBAN [IBAN] merci"],
    ["F R 76 3000 6000 0112 3456 7890 189", "[IBAN]"],
    ["GB82 WEST 1234 5698 7654 32", "[IBAN]"],
    // e-mails
    ["Écrivez à jean.dupont@exemple.fr pour résilier.", "Écrivez à [EMAIL] pour résilier."],
    ["jean point dupont arobase gmail point com", "[EMAIL]"],
    ["send it to john dot smith at example dot co dot uk please", "send it to [EMAIL] please"],
    // phone numbers
    ["Rappelez-moi au 06 12 34 56 78.", "Rappelez-moi au [PHONE]."],
    ["au 06.12.34.56.78 ou au +33 6 12 34 56 78", "au [PHONE] ou au [PHONE]"],
    ["mon numéro c'est le zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit", "mon numéro c'est le [PHONE]"],
    ["plus trente-trois six douze trente-quatre cinquante-six soixante-dix-huit", "[PHONE]"],
    ["call me on oh seven seven double oh nine double oh one two three", "call me on [PHONE]"],
    ["It's 0161 496 0000.", "It's [PHONE]."],
  ])("%s", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    "L'offre est à 24,99 euros par mois pendant 12 mois, soit 299,88 euros.",
    "Nous sommes le vingt et un septembre deux mille vingt-six, il est dix heures trente.",
    "Vingt-quatre euros quatre-vingt-dix-neuf, sans engagement.",
    "Oh, two things. One, the offer; two, the price: 39 pounds.",
    "Je vous appelle de la part de Fibralis, un des leaders de la fibre.",
    "Votre numéro provient du site Comparatel; vous pouvez vous opposer au démarchage.",
    "Offre valable jusqu'au 31/12/2026 à 18h30.",
    "Le code postal 75011, au 12 rue de la Roquette.",
  ])("leaves ordinary numbers alone: %s", (input) => {
    expect(redactText(input)).toBe(input);
  });

  it("says what it found, in order", () => {
    expect(kinds("a@b.fr puis 06 12 34 56 78 puis 4111 1111 1111 1111")).toEqual(["email", "phone", "card"]);
  });

  it("redacts long numbers that pass no check too: a misheard card is still a card", () => {
    expect(redactText("4111 1111 1111 1112")).toBe("[NUMBER]");
    expect(redactText("1234 5678 9012 3456 7890")).toBe("[NUMBER]");
    expect(redactText("référence 123 456 789")).toBe("référence [PHONE]");
  });
});
