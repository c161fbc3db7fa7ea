import { describe, expect, it } from "vitest";
import type { Speaker } from "../../src/transcript/types.ts";
import { analyze, EN_PITCH, EN_SETTINGS, FR_PITCH, FR_SETTINGS, lines, status } from "./helpers.ts";

/** The objection honoured's status when the customer says `refusal` after the pitch and the agent answers `reply`. */
function honoured(refusal: string, reply: string, settings = EN_SETTINGS, pitch = EN_PITCH) {
  return status(analyze(lines(pitch, ["customer", refusal], ["agent", reply]), settings), "OBJECTION_HONORED");
}

/** The pitch onset's utterance index when the agent says each of `said` in turn, or null. */
function onset(settings: typeof EN_SETTINGS, ...said: string[]) {
  return analyze(lines(...said.map((s): [Speaker, string] => ["agent", s])), settings).pitchOnset?.utteranceIndex ?? null;
}

/** How many objections the engine finds when the customer says `said` after the pitch. */
function refusals(settings: typeof EN_SETTINGS, pitch: [Speaker, string], said: string) {
  return analyze(lines(pitch, ["customer", said]), settings).objections.length;
}

describe("pitch onset", () => {
  it("a question about the current provider is a soft pitch", () => {
    const r = analyze(lines(["agent", "Bonjour, Julie de chez Fibralis."], ["agent", "Vous êtes chez quel fournisseur actuellement ?"]), FR_SETTINGS);
    expect(r.pitchOnset?.kind).toBe("soft");
    expect(r.pitchOnset?.utteranceIndex).toBe(1);
  });
  it("a soft pitch does not start the pitch in hard_only mode", () => {
    const r = analyze(lines(["agent", "Who's your current energy supplier?"], ["agent", "We can save you 20 percent on your bill."]), { ...EN_SETTINGS, pitchMode: "hard_only" });
    expect(r.pitchOnset?.utteranceIndex).toBe(1);
    expect(r.pitchOnset?.kind).toBe("hard");
  });
  it.each([
    "Ça vous reviendrait à seulement 19,99 € par mois.",
    "Vous pourriez économiser jusqu'à 30 % sur votre facture.",
    "Seriez-vous intéressé par la fibre ?",
  ])("hard pitch: %s", (s) => expect(analyze(lines(["agent", s]), FR_SETTINGS).pitchOnset?.kind).toBe("hard"));
  it("announcing the purpose of the call in general terms is not the pitch", () => {
    const r = analyze(lines(["agent", "Le but de mon appel est de vous présenter les offres de Fibralis."]), FR_SETTINGS);
    expect(r.pitchOnset).toBeNull();
  });
  it("a customer talking about prices does not start the pitch", () => {
    const r = analyze(lines(["customer", "Je paie déjà 30 euros par mois."]), FR_SETTINGS);
    expect(r.pitchOnset).toBeNull();
  });
  it("disclosures after the pitch are late, with the time they were due", () => {
    const r = analyze(lines(FR_PITCH, ["agent", "Cet appel est enregistré."]), FR_SETTINGS);
    const notice = r.elements.find((e) => e.id === "REC_NOTICE")!;
    expect(notice.status).toBe("late");
    expect(notice.dueBy).toBe(0);
    expect(notice.evidence?.utteranceIndex).toBe(1);
  });
  it("in the pitch utterance, a disclosure before the offer words is on time", () => {
    const r = analyze(lines(["agent", "Julie de chez Fibralis, je vous propose notre offre fibre à 20 euros."]), FR_SETTINGS);
    expect(status(r, "ID_CALLER")).toBe("present");
  });
  describe("a needs question no cue knows, once the call is presented", () => {
    const opening: Array<[Speaker, string]> = [
      ["agent", "Bonjour, Julie de chez Axiome Contact, pour Fibralis."],
      ["agent", "C'est un appel commercial, pour vous présenter leurs offres."],
    ];
    const pitchOf = (question: string, before = opening) => analyze(lines(...before, ["agent", question], FR_PITCH), FR_SETTINGS).pitchOnset;
    it("opens the pitch when it asks about the customer's situation", () => {
      const onset = pitchOf("Chez vous, c'est grand comment, à peu près ?");
      expect(onset).toMatchObject({ utteranceIndex: 2, kind: "soft" });
      expect(onset?.cue).toMatch(/^question: /);
    });
    it.each([
      "Vous avez une petite minute ?",
      "Vous m'entendez bien ?",
      "Vous saviez que vous pouvez refuser nos appels ?",
      "Ça vous dérange si j'enregistre ?",
      "Vous avez des questions ?",
      "Chez vous, c'est grand comment, à peu près.",
    ])("not when it asks for time, hearing, consent or questions, discloses, or is not a question: %s", (s) => expect(pitchOf(s)?.utteranceIndex).toBe(3));
    it("not before the call is presented; in a call presented as a survey, its questions about the customer's situation, not its opinion questions", () => {
      expect(pitchOf("Chez vous, c'est grand comment ?", [["agent", "Bonjour, Julie de chez Axiome Contact, pour Fibralis."]])?.utteranceIndex).toBe(2);
      const survey: Array<[Speaker, string]> = [[ "agent", "Bonjour, Julie de chez Axiome Contact."], ["agent", "Nous réalisons une petite enquête sur l'énergie."]];
      expect(pitchOf("Et pour le chauffage, vous en avez pour combien à peu près à l'année ?", survey)).toMatchObject({ utteranceIndex: 2, kind: "soft" });
      expect(pitchOf("Première question : sur une échelle de un à dix, le climat, ça vous inquiète ?", survey)?.utteranceIndex).toBe(3);
      const enSurvey = lines(["agent", "Hi, I'm Kevin with Northgate Calls, we're doing a short survey on household energy use."], ["agent", "First one, on a scale of one to ten, how concerned are you about climate change?"], ["agent", "And do you think the government does enough?"], ["agent", "So roughly, what would you say your heating bill runs you in the winter?"], EN_PITCH);
      expect(analyze(enSurvey, EN_SETTINGS).pitchOnset).toMatchObject({ utteranceIndex: 3, kind: "soft" });
    });
    it("in English too, and only in strict mode", () => {
      const en: Array<[Speaker, string]> = [
        ["agent", "Hi, it's Julie from Northgate Calls, for Brightwave Energy."],
        ["agent", "It's a sales call, to tell you about their energy plans."],
        ["agent", "How often do you run the tumble dryer, roughly?"],
        EN_PITCH,
      ];
      expect(analyze(lines(...en), EN_SETTINGS).pitchOnset).toMatchObject({ utteranceIndex: 2, kind: "soft" });
      expect(analyze(lines(...en), { ...EN_SETTINGS, pitchMode: "hard_only" }).pitchOnset?.utteranceIndex).toBe(3);
      const filler: Array<[Speaker, string]> = [en[0]!, en[1]!, ["agent", "Should, you know, I?"], EN_PITCH];
      expect(analyze(lines(...filler), EN_SETTINGS).pitchOnset?.utteranceIndex).toBe(3);
    });
  });
  it("no pitch: every disclosure is not applicable and so is the call", () => {
    const r = analyze(lines(["agent", "Bonjour, je cherche Monsieur Martin ?"], ["customer", "Vous faites erreur."], ["agent", "Pardon, bonne journée."]), FR_SETTINGS);
    expect(r.verdict).toBe("not_applicable");
    expect(r.elements.every((e) => e.status === "not_applicable")).toBe(true);
  });
});

describe("objections", () => {
  it("a needs question no cue knows, after a refusal, goes on selling; a courtesy question or a question about the list does not", () => {
    const after = (reply: string) =>
      status(
        analyze(
          lines(["agent", "Hi, it's Julie from Northgate Calls, for Brightwave Energy. It's a sales call."], EN_PITCH, ["customer", "No thanks, I'm not interested."], ["agent", reply]),
          EN_SETTINGS,
        ),
        "OBJECTION_HONORED",
      );
    expect(after("Just out of curiosity, how many people live in the house?")).toBe("violated");
    expect(after("Would you like me to take you off our list?")).toBe("present");
    expect(after("Okay, have a nice day. Is there anything else I can help you with?")).toBe("present");
  });
  it("'ça vous tenterait pas ?' after a refusal goes on selling; 'je note que ça ne vous intéresserait pas' honours it", () => {
    const after = (reply: string) =>
      status(
        analyze(lines(["agent", "Bonjour, Julie d'Axiome Contact pour Fibralis, c'est un appel commercial."], FR_PITCH, ["customer", "Non merci, ça m'intéresse pas."], ["agent", reply]), FR_SETTINGS),
        "OBJECTION_HONORED",
      );
    expect(after("D'accord. Et une alarme, ça vous tenterait pas ?")).toBe("violated");
    expect(after("Très bien, je note que ça ne vous intéresserait pas. Bonne journée.")).toBe("present");
  });
  it("'je ne suis pas intéressé' after the pitch is an objection; pushing on violates it", () => {
    const r = analyze(lines(FR_PITCH, ["customer", "Je ne suis pas intéressé."], ["agent", "Je comprends, mais juste deux minutes."]), FR_SETTINGS);
    expect(r.objections).toHaveLength(1);
    expect(r.objections[0]!.honored).toBe(false);
    expect(status(r, "OBJECTION_HONORED")).toBe("violated");
    expect(r.verdict).toBe("non_compliant");
  });
  it("an objection followed by a polite close is honoured", () => {
    const r = analyze(lines(FR_PITCH, ["customer", "Non merci, ne me rappelez plus."], ["agent", "C'est noté, vous ne serez plus contacté. Bonne journée."]), FR_SETTINGS);
    expect(status(r, "OBJECTION_HONORED")).toBe("present");
  });
  it("English objection ignored with a new offer", () => {
    const r = analyze(lines(["agent", "Could you be interested in solar panels?"], ["customer", "I'm not interested, take me off your list."], ["agent", "But this deal includes free installation."]), EN_SETTINGS);
    expect(status(r, "OBJECTION_HONORED")).toBe("violated");
  });
  it("a wish about the paperwork or the number is no refusal", () => {
    for (const [wish, reply] of [
      ["Je ne veux pas de paperasse, vous pouvez tout faire par mail ?", "Bien sûr, je vous envoie le devis, avec le premier mois offert."],
      ["Non, pas besoin de courrier, l'e-mail c'est très bien.", "Parfait, je vous envoie l'offre avec le premier mois offert."],
    ] as const) {
      const r = analyze(lines(FR_PITCH, ["customer", wish], ["agent", reply]), FR_SETTINGS);
      expect(r.objections, wish).toHaveLength(0);
    }
    const en = analyze(lines(EN_PITCH, ["customer", "I don't want to lose my number though."], ["agent", "You won't, we move it across for free."]), EN_SETTINGS);
    expect(en.objections).toHaveLength(0);
  });
  it("noting the refusal after 'hang on' honours it; 'are you sure?' argues", () => {
    const noted = analyze(lines(EN_PITCH, ["customer", "Nah, I'm not fussed, ta."], ["agent", "Hang on, let me just take you off our list so nobody rings you again."]), EN_SETTINGS);
    expect(status(noted, "OBJECTION_HONORED")).toBe("present");
    const argued = analyze(lines(FR_PITCH, ["customer", "Laissez tomber, ça m'intéresse pas."], ["agent", "Vous êtes sûr ? C'est vraiment une bonne affaire."]), FR_SETTINGS);
    expect(status(argued, "OBJECTION_HONORED")).toBe("violated");
  });
  it("'si ça vous intéresse pas, dites-le' is no pitch", () => {
    const r = analyze(lines(["agent", "Si ça vous intéresse pas, vous me le dites et on ne vous rappellera plus."], FR_PITCH), FR_SETTINGS);
    expect(r.pitchOnset?.utteranceIndex).toBe(1);
    expect(status(r, "ART21_OBJECTION_INFO")).toBe("present");
  });
  it("the agent saying 'if you're not interested' is not an objection", () => {
    const r = analyze(lines(FR_PITCH, ["agent", "Si vous n'êtes pas intéressé, dites-le-moi."]), FR_SETTINGS);
    expect(r.objections).toHaveLength(0);
    expect(status(r, "OBJECTION_HONORED")).toBe("not_applicable");
  });
  it("a refusal before any pitch, honoured, leaves the call not applicable", () => {
    const r = analyze(lines(["agent", "Bonjour, Julie de chez Fibralis."], ["customer", "Ça ne m'intéresse pas, au revoir."], ["agent", "Très bien, bonne journée."]), FR_SETTINGS);
    expect(r.verdict).toBe("not_applicable");
    expect(status(r, "OBJECTION_HONORED")).toBe("present");
  });
});

describe("who spoke", () => {
  it("disclosures by an unknown speaker count with lowered confidence", () => {
    const r = analyze(lines(["unknown", "Cet appel est enregistré."], FR_PITCH), FR_SETTINGS);
    const notice = r.elements.find((e) => e.id === "REC_NOTICE")!;
    expect(notice.status).toBe("present");
    expect(notice.confidence).toBeLessThan(1);
  });
  it("a speaker guessed with low confidence is treated as unknown", () => {
    const r = analyze(lines(["agent", "Cet appel est enregistré.", { speakerConfidence: 0.3 }], FR_PITCH), FR_SETTINGS);
    expect(r.elements.find((e) => e.id === "REC_NOTICE")!.confidence).toBeLessThan(1);
  });
  it("low ASR confidence before the pitch makes unfound disclosures undeterminable, and the call needs review", () => {
    const r = analyze(
      lines(
        ["agent", "Bonjour Julie de la société Axiome Contact pour le compte de Fibralis. Il s'agit d'un appel commercial pour vous présenter nos offres.", {}],
        ["agent", "mmh blrr vous ... données ... frrr", { asrConfidence: 0.2 }],
        ["agent", "Vous avez rempli un formulaire sur Comparatel. Vous pouvez vous opposer à être rappelé, il suffit de me le dire. Cet appel est enregistré, vous pouvez refuser l'enregistrement."],
        FR_PITCH,
      ),
      FR_SETTINGS,
    );
    expect(status(r, "ART14_PURPOSE")).toBe("present");
    expect(status(r, "ID_CALLER")).toBe("present");
    const undeterminable = r.elements.filter((e) => e.status === "undeterminable");
    expect(undeterminable.map((e) => e.id)).toEqual([]);
    expect(r.verdict).toBe("compliant");
  });
  it("a garbled opening with a missing disclosure is undeterminable, not non-compliant", () => {
    const r = analyze(lines(["agent", "frrr mmh données blrr", { asrConfidence: 0.2 }], FR_PITCH), { ...FR_SETTINGS, recorded: false });
    expect(status(r, "ART14_SOURCE")).toBe("undeterminable");
    expect(r.verdict).toBe("needs_review");
  });
});

describe("verdict", () => {
  it("a complete opening before the pitch is compliant", () => {
    const r = analyze(
      lines(
        ["agent", "Bonjour, Julie de la société Axiome Contact, je vous appelle pour le compte de Fibralis."],
        ["agent", "Il s'agit d'un appel commercial : vos coordonnées sont utilisées pour vous présenter les offres de Fibralis."],
        ["agent", "Vous avez rempli un formulaire sur le site Comparatel."],
        ["agent", "Vous pouvez vous opposer à être rappelé à tout moment, il suffit de me le dire."],
        ["agent", "Cet appel est enregistré, vous pouvez refuser cet enregistrement."],
        FR_PITCH,
      ),
      FR_SETTINGS,
    );
    expect(r.elements.filter((e) => e.status !== "present" && e.status !== "not_applicable")).toEqual([]);
    expect(r.verdict).toBe("compliant");
    expect(r.rulePack.version).toMatch(/\d/);
  });
  it("picks the language from the text when asked to", () => {
    const r = analyze(lines(["agent", "Hello, this is Sam from Northgate Calls, and we can save you money."]), { ...EN_SETTINGS, language: "auto" });
    expect(r.language).toBe("en");
  });
});

describe("long unpunctuated ASR runs", () => {
  it("keeps separate disclosures apart in a run-on utterance", () => {
    const runOn =
      "bonjour julie de chez fibralis c est un appel commercial pour vous présenter nos offres cet appel est enregistré vous pouvez vous opposer à l enregistrement " +
      "vos coordonnées nous ont été transmises par comparatel et sinon vous pouvez vous opposer à être rappelé à tout moment il suffit de me le dire " +
      "alors vous êtes chez quel opérateur en ce moment";
    const r = analyze(lines(["agent", runOn]), FR_SETTINGS);
    expect(r.pitchOnset?.kind).toBe("soft");
    // The recording-objection exclusion must not hide the prospecting objection said later in the run.
    expect(status(r, "ART21_OBJECTION_INFO")).toBe("present");
    expect(status(r, "REC_OBJECTION_RIGHT")).toBe("present");
    expect(status(r, "ART14_SOURCE")).toBe("present");
  });
});

describe("what the agent said just before a customer's 'no'", () => {
  it("'non c'est bon' to the offer to stop the recording consents to it; after the pitch it refuses", () => {
    const consent = analyze(lines(["agent", "Si ça vous dérange, je coupe l'enregistrement."], ["customer", "Non c'est bon."], FR_PITCH), FR_SETTINGS);
    expect(consent.objections).toHaveLength(0);
    const refusal = analyze(lines(FR_PITCH, ["customer", "Non c'est bon."], ["agent", "Très bien, bonne journée."]), FR_SETTINGS);
    expect(refusal.objections).toHaveLength(1);
  });
  it("'no, you're grand' to 'am I disturbing you?' is no refusal", () => {
    const r = analyze(lines(["agent", "Am I disturbing you?"], ["customer", "No, you're grand."], EN_PITCH), EN_SETTINGS);
    expect(r.objections).toHaveLength(0);
  });
  it("a customer asking what happens if they do not want calls is not refusing", () => {
    const r = analyze(lines(["customer", "Et si j'veux plus que vous m'appeliez, moi ?"], ["agent", "Vous dites stop et on ne vous rappelle plus."], FR_PITCH), FR_SETTINGS);
    expect(r.objections).toHaveLength(0);
  });
  it("slang and plain refusals are refusals", () => {
    const fr = analyze(lines(FR_PITCH, ["customer", "Nan nan, c'est mort, lâchez-moi avec vos mutuelles, j'veux rien du tout."], ["agent", "D'accord, bonne soirée."]), FR_SETTINGS);
    expect(fr.objections).toHaveLength(1);
    const en = analyze(lines(EN_PITCH, ["customer", "I'm fine with my plan anyway, thanks."], ["agent", "No worries, bye now."]), EN_SETTINGS);
    expect(en.objections).toHaveLength(1);
  });
});

describe("wordings from the blind dev calls of round 6", () => {
  it.each(["Du coup, c'est quoi votre chauffage, et la note annuelle, elle ressemble à quoi ?", "vous avez quoi comme chauffage chez vous madame", "Vous tournez avec quelle enveloppe de data, et pour quel prix ?"])(
    "soft pitch: %s",
    (s) => expect(analyze(lines(["agent", s]), FR_SETTINGS).pitchOnset?.kind).toBe("soft"),
  );
  it("a purpose about cheaper solutions is not the pitch; proposing a heat pump is", () => {
    expect(analyze(lines(["agent", "Mon objectif, c'est de vous montrer des solutions de chauffage plus économiques."]), FR_SETTINGS).pitchOnset).toBeNull();
    expect(analyze(lines(["agent", "Alors je vous propose une pompe à chaleur air eau avec une prime."]), FR_SETTINGS).pitchOnset?.kind).toBe("hard");
  });
  it("'ça me suffit largement, merci' after an upsell is a refusal", () => {
    const r = analyze(lines(FR_PITCH, ["customer", "Nan, vingt ça me suffit largement, franchement, merci."], ["agent", "Très bien, bonne journée."]), FR_SETTINGS);
    expect(r.objections).toHaveLength(1);
  });
  it("'rien ne vous oblige à accepter d'être sollicité par nous' states the right to object", () => {
    const r = analyze(lines(["agent", "Rien ne vous oblige à accepter d'être sollicité par nous : un simple non, et votre fiche est supprimée."], FR_PITCH), FR_SETTINGS);
    expect(status(r, "ART21_OBJECTION_INFO")).toBe("present");
  });
});

describe("what the customer says right after a 'no'", () => {
  it("turning down one product and asking about another is no refusal of the call", () => {
    const r = analyze(
      lines(FR_PITCH, ["customer", "L'alarme, non, ça je veux pas."], ["customer", "Par contre la caméra, ça m'intéresse, dites m'en plus."], ["agent", "La caméra extérieure, c'est neuf euros par mois."]),
      FR_SETTINGS,
    );
    expect(r.objections).toHaveLength(0);
  });
  it("a plain 'je veux pas' followed by nothing is a refusal", () => {
    const r = analyze(lines(FR_PITCH, ["customer", "Non, je veux pas."], ["agent", "Très bien, bonne journée."]), FR_SETTINGS);
    expect(r.objections).toHaveLength(1);
  });
});

describe("wordings from the blind dev calls of round 24", () => {
  const objections = (customer: string, settings = FR_SETTINGS, pitch = FR_PITCH) =>
    analyze(lines(pitch, ["customer", customer], ["agent", settings === FR_SETTINGS ? "Très bien, bonne journée." : "No problem, have a good day."]), settings).objections.length;
  it("refusing the recording, or a name that rings no bell, is no refusal of the call", () => {
    expect(objections("Ah ben non, alors, je préfère pas être enregistrée, j'aime pas trop ça. Mais je vous écoute.")).toBe(0);
    expect(objections("Lorel ? Ça me dit rien, mais bon, allez-y, qu'est-ce qui vous arrive ?")).toBe(0);
    expect(objections("No, go on, carry on. I'm not bothered about the recording.", EN_SETTINGS, EN_PITCH)).toBe(0);
    expect(objections("Nah, I'm not bothered, thanks.", EN_SETTINGS, EN_PITCH)).toBe(1);
  });
  it("'pas ce soir' is a refusal; 'rappelez-moi en janvier' is not", () => {
    expect(objections("Donc non, pas ce soir, j'ai pas la tête à ça, vraiment.")).toBe(1);
    expect(objections("Rappelez-moi plutôt en janvier, là j'ai pas la tête à ça.")).toBe(0);
  });
  it("'arrêtez !' is a refusal; 'j'avais arrêté' tells a story", () => {
    expect(objections("Arrêtez, ça suffit maintenant.")).toBe(1);
    expect(objections("Ah oui, j'avais arrêté parce que je le recevais avec trois semaines de retard.")).toBe(0);
    expect(objections("Oh, je vais vous arrêter là, hein, du vin on n'en manque pas.")).toBe(1);
  });
  it("leaving the call is an objection; going to fetch the bill is not", () => {
    expect(objections("Bon, je vais réfléchir. Le jardinier m'attend, je vais raccrocher.")).toBe(1);
    expect(objections("Look, I gotta go, I need to check on my son.", EN_SETTINGS, EN_PITCH)).toBe(1);
    expect(objections("Hang on, I need to go and get my bill.", EN_SETTINGS, EN_PITCH)).toBe(0);
    expect(objections("Attendez, je dois aller chercher ma facture.")).toBe(0);
  });
  it("'je peux juste vous demander' after 'je n'insiste pas' asks, it does not push back; 'écoutez juste la fin' does", () => {
    const after = (reply: string) =>
      status(analyze(lines(FR_PITCH, ["customer", "Écoutez, non, ça m'intéresse pas."], ["agent", reply]), FR_SETTINGS), "OBJECTION_HONORED");
    expect(after("D'accord, je n'insiste pas. Je peux juste vous demander ce qui vous fait tiquer ?")).toBe("present");
    expect(after("Allez, une fois, écoutez juste la fin, c'est vraiment avantageux.")).toBe("violated");
  });
  it("the offer stated as what the customer gets, or as what the brand now offers, is the pitch", () => {
    expect(analyze(lines(["agent", "Avec l'offre découverte, vous recevez six numéros pour neuf euros."]), FR_SETTINGS).pitchOnset?.kind).toBe("hard");
    expect(analyze(lines(["agent", "On propose maintenant l'accompagnement aux courses, deux heures par semaine."]), FR_SETTINGS).pitchOnset?.kind).toBe("hard");
    // Near-miss: the right to object said with the same words is no pitch.
    expect(analyze(lines(["agent", "Avec cette offre de service, vous avez le droit de vous opposer à nos appels."]), FR_SETTINGS).pitchOnset).toBeNull();
  });
});

describe("wordings from the blind dev calls of round 25", () => {
  it("a needs question after a refusal opens the pitch, even before the call is presented; 'vous êtes sûr ?' does not", () => {
    const r = analyze(
      lines(
        ["agent", "My name's Dana, I'm with Northgate Calls, calling on behalf of Brightwave Energy."],
        ["customer", "Look, I'm not interested. Please don't call me again."],
        ["agent", "Oh, I totally hear you, I'll be super quick. Are you driving an electric car right now?"],
      ),
      EN_SETTINGS,
    );
    expect(r.pitchOnset?.utteranceIndex).toBe(2);
    expect(status(r, "OBJECTION_HONORED")).toBe("violated");
    const sure = analyze(lines(["agent", "Bonsoir, Camille, d'Axiome Contact, pour Fibralis."], ["customer", "Ça m'intéresse pas, rayez-moi."], ["agent", "Vous êtes sûr ?"]), FR_SETTINGS);
    expect(sure.pitchOnset).toBeNull();
  });
  it.each([
    ["en", "Quick one for you, have you ever thought about getting a hot tub out in the garden?"],
    ["en", "How many bags would you say you're getting through a month just now?"],
    ["fr", "Dites-moi, pour ce séjour, vous avez pensé à vous couvrir en cas d'annulation ?"],
  ] as const)("soft pitch before anything is presented (%s): %s", (lang, s) => {
    expect(analyze(lines(["agent", s]), lang === "fr" ? FR_SETTINGS : EN_SETTINGS).pitchOnset?.kind).toBe("soft");
  });
  it("'I really don't want to be talking about this' refuses; 'et si j'en ai pas besoin un trimestre ?' asks", () => {
    const count = (customer: string, settings = FR_SETTINGS, pitch = FR_PITCH) => analyze(lines(pitch, ["customer", customer], ["agent", "Bye now."]), settings).objections.length;
    expect(count("Oh, look, I really don't want to be talking about this, thank you.", EN_SETTINGS, EN_PITCH)).toBe(1);
    expect(count("Et si j'en ai pas besoin un trimestre ?")).toBe(0);
  });
  it("'oui mais vous savez...' after a refusal argues on", () => {
    const r = analyze(
      lines(FR_PITCH, ["customer", "Non mais j'vous dis, j'suis content de mon artisan, j'ai pas besoin d'autre chose."], ["agent", "Oui mais vous savez, un artisan tout seul, quand il part en vacances, vous êtes bien embêté."]),
      FR_SETTINGS,
    );
    expect(status(r, "OBJECTION_HONORED")).toBe("violated");
  });
});

describe("wordings from the blind dev calls of round 26", () => {
  const presented: [Speaker, string] = ["agent", "c'est un appel commercial pour vous présenter les offres de fibralis"];
  it("in text with no punctuation at all, 'est-ce que' or 'do you' asks a question", () => {
    const r = analyze(lines(presented, ["agent", "alors pour votre maman est-ce qu'elle vit seule à la maison en ce moment"]), FR_SETTINGS);
    expect(r.pitchOnset?.utteranceIndex).toBe(1);
    const en = analyze(lines(["agent", "this is a sales call about brightwave energy tariffs"], ["agent", "and do you heat the house with gas or oil"]), EN_SETTINGS);
    expect(en.pitchOnset?.utteranceIndex).toBe(1);
  });
  it("a punctuated statement or an unpunctuated 'the idea is you'd...' asks nothing", () => {
    const said = (s: string) => analyze(lines(["agent", "This is a sales call about Brightwave Energy tariffs."], ["agent", s]), EN_SETTINGS).pitchOnset;
    expect(said("If you prefer not to get such calls, just tell me. That is your right.")).toBeNull();
    expect(said("the idea is you'd find out what one of their boilers would do for your home")).toBeNull();
  });
  it("'would you take it off your list?' refuses", () => {
    const r = analyze(lines(EN_PITCH, ["customer", "Would you take it off your list so I'm not getting these calls again?"], ["agent", "Of course, sorry again."]), EN_SETTINGS);
    expect(r.objections).toHaveLength(1);
  });
});

describe("wordings from the blind dev calls of round 27", () => {
  it.each(["and for regulars it's a hundred and forty-nine instead of two-twenty", "first application's just twenty-nine ninety-nine"])("a price said without a currency is the pitch: %s", (s) => {
    expect(analyze(lines(["agent", s]), EN_SETTINGS).pitchOnset?.kind).toBe("hard");
  });
  it("'it'll only take two minutes' prices nothing; 'vous faire profiter des offres' states a purpose", () => {
    expect(analyze(lines(["agent", "It'll only take two minutes, promise."]), EN_SETTINGS).pitchOnset).toBeNull();
    expect(analyze(lines(["agent", "L'idée, c'est de vous faire profiter des offres réservées aux clients."]), FR_SETTINGS).pitchOnset).toBeNull();
    expect(analyze(lines(["agent", "Pour remercier les participants, on leur fait profiter d'une offre Fibralis."]), FR_SETTINGS).pitchOnset?.kind).toBe("hard");
  });
  it("'nah, record away', 'bof, pas terrible' and 'le courrier papier, j'en veux pas' are no refusals", () => {
    const en = analyze(lines(["agent", "The call's recorded, you can say no to that."], ["customer", "Nah, you're alright, record away."], EN_PITCH), EN_SETTINGS);
    expect(en.objections).toHaveLength(0);
    const count = (customer: string) => analyze(lines(FR_PITCH, ["customer", customer], ["agent", "D'accord."]), FR_SETTINGS).objections.length;
    expect(count("Bof, pas terrible. Et chez nous c'est pareil.")).toBe(0);
    expect(count("Par contre le courrier papier, non, j'en veux pas.")).toBe(0);
    expect(count("Non, j'en veux pas.")).toBe(1);
  });
});

describe("wordings from the blind dev calls of round 28", () => {
  it("'can you take it off whatever list you've got' refuses; 'l'enregistrement je veux pas, mais continuez' does not", () => {
    const en = analyze(lines(EN_PITCH, ["customer", "It's alright but can you take it off whatever list you've got, I keep getting these calls."], ["agent", "Absolutely, sorry."]), EN_SETTINGS);
    expect(en.objections).toHaveLength(1);
    const fr = analyze(lines(FR_PITCH, ["customer", "Ben ouais, moi l'enregistrement je veux pas, mais vous pouvez continuer, hein."], ["agent", "D'accord, je coupe."]), FR_SETTINGS);
    expect(fr.objections).toHaveLength(0);
  });
  it("'vous avez votre alarme chez eux, c'est bien ça ?' checks who the customer is; 'vous avez déjà une alarme ?' asks about needs", () => {
    expect(analyze(lines(["agent", "J'vous appelle de la part de Fibralis, vous avez votre alarme chez eux, c'est bien ça ?"]), FR_SETTINGS).pitchOnset).toBeNull();
    expect(analyze(lines(["agent", "Vous avez déjà une alarme chez vous ?"]), FR_SETTINGS).pitchOnset?.kind).toBe("soft");
  });
});

describe("wordings from the blind dev calls of round 29", () => {
  it("a price in Québec dollars is the pitch", () => {
    expect(analyze(lines(["agent", "Fait que, le forfait de base, c'est un ramonage par année pis l'inspection, cent vingt-neuf piasses, taxes en sus."]), FR_SETTINGS).pitchOnset?.kind).toBe("hard");
  });
});

describe("refusals and push-ons from the blind dev calls of round 30", () => {
  it.each([
    ["Yeah, I'm good, thanks.", "Totally fair. Out of curiosity, is it just the door locks at the moment?"],
    ["Look, no. I'm not after new windows.", "Oh, there's no obligation whatsoever. I can get a surveyor to pop round on Thursday."],
    ["Leave it, mate.", "Just so you know, though, that price is only fixed till the end of the month, then it goes up."],
    ["Ah look, no, I'm grand.", "Sure, most insurers are putting their prices up, so a quote now could save you a good few euro."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it.each([
    ["Ah c'est gentil mais non, j'bois presque plus.", "Mais laissez-moi au moins vous envoyer le catalogue par mail."],
    ["Non mais là franchement ça m'intéresse pas.", "Je comprends, et c'est plutôt votre mari qui gère ça ? Il rentre vers quelle heure ?"],
    ["Ah, c'est ben gentil, mais non.", "La plupart de mes clientes m'ont dit la même affaire au début."],
    ["Ah non, on est servis, hein, ça va bien comme ça.", "Et les stores ? On fait des stores motorisés à huitante francs le mètre carré."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply, FR_SETTINGS, FR_PITCH)).toBe("violated"));
  it("'no, leave it' about the recording, or 'leave it, it's fine', refuses nothing; 'we're set' and 'not going to switch' do", () => {
    const r = analyze(lines(["agent", "We record calls, but I can switch it off if you'd rather."], ["customer", "No, leave it."], EN_PITCH), EN_SETTINGS);
    expect(r.objections).toHaveLength(0);
    expect(analyze(lines(EN_PITCH, ["customer", "Leave it, it's fine."]), EN_SETTINGS).objections).toHaveLength(0);
    expect(honoured("Anyway, we're set.", "Understood, I'll take you off our list. Bye now.")).toBe("present");
    expect(honoured("Look, no, I'm not going to switch.", "Understood, I'll take you off our list. Bye now.")).toBe("present");
  });
});

describe("refusals, push-ons and pitch onsets from the blind dev calls of round 31", () => {
  it.each([
    ["look sorry i'm flat out at work mate i can't really do this now", "no worries, can i just grab thirty seconds to explain why i rang"],
    ["Och, I stopped going cos of my knee. I'm no coming back, that's me done.", "We could do ye a swim-only pass, cheaper than the full one."],
    ["Ah sure look, we signed up with another crowd last Tuesday, so we're sorted.", "Ah no, no, you've me wrong there, I wouldn't be asking you to change anything at all."],
    ["We're sorted, thanks.", "Sure a second pair of eyes would do no harm, it wouldn't hurt."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it.each([
    ["Ça m'intéresse plus, voilà.", "Ah mais attendez, je crois que vous m'avez mal comprise, je vous vends rien du tout !"],
    ["Les carreaux, je les fais moi-même.", "C'est drôle, vos voisins du numéro douze, eux, ont dit oui."],
    ["Ah non non, c'est bon, laissez tomber.", "Je comprends monsieur, mais je suis obligé de vous lire les mentions jusqu'au bout."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply, FR_SETTINGS, FR_PITCH)).toBe("violated"));
  it("needing nothing, having someone already, or not needing any of it refuses; needing nothing else, or one thing more than another, does not", () => {
    expect(honoured("We won't be needing any of that, thanks.", "Oh, I am so sorry. I'll take your number off our list today. Take care of yourself, okay?")).toBe("present");
    expect(honoured("J'ai besoin de rien, merci, au revoir.", "Très bien madame, je n'insiste pas.", FR_SETTINGS, FR_PITCH)).toBe("present");
    expect(honoured("Ah bah non, on a déjà quelqu'un du quartier.", "Ah ben si vous êtes déjà bien servis, je vais pas insister.", FR_SETTINGS, FR_PITCH)).toBe("present");
    expect(analyze(lines(FR_PITCH, ["customer", "Ça m'intéresse plus que l'autre formule, oui."]), FR_SETTINGS).objections).toHaveLength(0);
    expect(analyze(lines(EN_PITCH, ["customer", "I won't need the paper bill, though."]), EN_SETTINGS).objections).toHaveLength(0);
    expect(analyze(lines(EN_PITCH, ["customer", "I'm not coming back from work until six."]), EN_SETTINGS).objections).toHaveLength(0);
  });
  it("what the customer feeds, uses or watches at the moment is a needs question; the weather, the address, 'can you hear me?' or 'take care' ask nothing", () => {
    expect(analyze(lines(["agent", "What are you feeding your pooch at the moment, is it the supermarket stuff?"]), EN_SETTINGS).pitchOnset?.kind).toBe("soft");
    expect(analyze(lines(["agent", "Les croquettes, vous les prenez où en ce moment ?"]), FR_SETTINGS).pitchOnset?.kind).toBe("soft");
    expect(analyze(lines(["agent", "So, what phone are you on right now?"]), EN_SETTINGS).pitchOnset?.kind).toBe("soft");
    const presented = (settings: typeof EN_SETTINGS, intro: string, question: string) => analyze(lines(["agent", intro], ["agent", question]), settings).pitchOnset;
    const enIntro = "It's a sales call, I'm ringing to tell you about Brightwave Energy's tariffs.";
    const frIntro = "C'est un appel commercial, c'est pour vous présenter les offres de Fibralis.";
    expect(presented(EN_SETTINGS, enIntro, "And how's the weather up there, are ye getting the rain?")).toBeNull();
    expect(presented(EN_SETTINGS, enIntro, "Can I just check the postcode we've got, is it still B S six?")).toBeNull();
    expect(presented(EN_SETTINGS, enIntro, "Can you hear me alright?")).toBeNull();
    expect(presented(EN_SETTINGS, enIntro, "Are you at home much in the day, using a fair bit of electric?")?.kind).toBe("soft");
    expect(presented(EN_SETTINGS, enIntro, "Do you have trouble hearing the TV these days?")?.kind).toBe("soft");
    expect(presented(FR_SETTINGS, frIntro, "Et alors, il fait beau chez vous à Nîmes ?")).toBeNull();
    expect(presented(FR_SETTINGS, frIntro, "Je vérifie juste : vous habitez toujours à Poitiers ?")).toBeNull();
    expect(presented(FR_SETTINGS, frIntro, "Vous m'entendez bien ?")).toBeNull();
    expect(presented(FR_SETTINGS, frIntro, "Est-ce que vous avez l'impression d'entendre moins bien la télé ?")?.kind).toBe("soft");
  });
  it("a pitch whose sentence began in the agent's turn before, cut with a comma, starts there", () => {
    const r = analyze(lines(["agent", "Écoutez, on passe dans votre coin la semaine prochaine pour les vitres,"], ["agent", "pis on fait un forfait maison complète à quatre-vingt-neuf euros."]), FR_SETTINGS);
    expect(r.pitchOnset?.start).toBe(0);
    expect(r.pitchOnset?.text).toContain("quatre-vingt-neuf euros");
    // Near-miss: a turn that ends with a full stop, or the customer's turn between, leaves the pitch where it is.
    expect(analyze(lines(["agent", "On passe dans votre coin la semaine prochaine."], ["agent", "On fait un forfait à quatre-vingt-neuf euros."]), FR_SETTINGS).pitchOnset?.start).toBe(3);
    expect(analyze(lines(["agent", "On passe dans votre coin la semaine prochaine,"], ["customer", "Ah oui ?"], ["agent", "pis on fait un forfait à quatre-vingt-neuf euros."]), FR_SETTINGS).pitchOnset?.start).toBe(6);
  });
});

describe("refusals, push-ons and pitch onsets from the blind dev calls of round 32", () => {
  it.each([
    ["We're selling up and shifting to Aussie in the new year, so we'll give it a miss.", "But funnily enough, three places on your street have gone with us this winter."],
    ["I've cards coming out my ears, I'm not taking another.", "I hear you, but I'm actually obliged under the regulations to read you out the key terms. Bear with me."],
    ["No, I'm not interested, thanks.", "Ah no, it's not selling as such, you'd be mad not to."],
    ["No, I'm not interested, thanks.", "I can have an assessor out to you on Thursday."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it.each([
    ["Mais écoutez, ça sert à rien tout ça, on déménage en mars.", "Oh mais félicitations ! Vous partez loin ?"],
    ["C'est gentil, mais avec le crédit de la voiture, j'peux pas me le permettre.", "Justement, on a une formule à neuf euros."],
    ["J'en veux pas, de vos trucs.", "Par contre, les détecteurs de fumée connectés, c'est obligatoire dans les logements."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply, FR_SETTINGS, FR_PITCH)).toBe("violated"));
  it("'no pressure at all' lets a refusal go; 'no, you're alright' to 'just say and we'll take you off' refuses nothing", () => {
    expect(honoured("So I'm gonna say no thank you.", "Totally understand ma'am, no pressure at all.")).toBe("present");
    const kept = analyze(lines(["agent", "And if you don't want us ringing you about this sort of thing, just say and we'll take you off, that's your right."], ["customer", "No, you're alright."], EN_PITCH), EN_SETTINGS);
    expect(kept.objections).toHaveLength(0);
    expect(analyze(lines(EN_PITCH, ["customer", "No, you're alright, thanks."]), EN_SETTINGS).objections).toHaveLength(1);
    expect(analyze(lines(FR_PITCH, ["customer", "Ça sert à rien de vous inquiéter, je lis tout."]), FR_SETTINGS).objections).toHaveLength(0);
  });
  it("'how's your week been?', 'vous êtes toujours au 14 ?' and 'vous avez bien reçu la carte ?' ask nothing about needs", () => {
    const enIntro: [Speaker, string] = ["agent", "It's a sales call, I'm ringing to tell you about Brightwave Energy's tariffs."];
    const frIntro: [Speaker, string] = ["agent", "C'est un appel commercial, c'est pour vous présenter les offres de Fibralis."];
    expect(analyze(lines(enIntro, ["agent", "So how's your week been?"]), EN_SETTINGS).pitchOnset).toBeNull();
    expect(analyze(lines(frIntro, ["agent", "Vous êtes toujours au 14 chemin des Oliviers ?"]), FR_SETTINGS).pitchOnset).toBeNull();
    expect(analyze(lines(frIntro, ["agent", "Et vous avez bien reçu la nouvelle carte de tiers payant ?"]), FR_SETTINGS).pitchOnset).toBeNull();
    expect(analyze(lines(frIntro, ["agent", "Et vous avez déjà pensé à ce que ça coûte, des obsèques ?"]), FR_SETTINGS).pitchOnset?.kind).toBe("soft");
  });
});

describe("refusals, push-ons and pitch onsets from the blind dev calls of round 33", () => {
  it.each([
    ["Yeah nah, we've got a cat. She handles the mice.", "But a cat won't get up in the ceiling, and rats up there chew through wiring."],
    ["naw yer alright pal, to be honest I'm more of a tea man", "Ah well see that's handy, we do a loose leaf tea box as well, first one free."],
    ["We just renewed last month, so I don't think this is worth your while.", "Sure you'd be doing me a massive favour, I'm one booking off my target for the week."],
    ["It's no for us.", "No worries, what I'll do is lock in today's price for you. Can I just grab your date of birth?"],
    ["I'm flat out and I don't really want to buy anything, sorry.", "I could have a tech out Thursday morning?"],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it("'mais' in the agent's reply argues, unless it lets the customer go", () => {
    expect(honoured("Non merci, ça m'intéresse pas.", "Oui mais attendez, un chat ne monte pas dans les combles.", FR_SETTINGS, FR_PITCH)).toBe("violated");
    expect(honoured("Non merci, on a déjà quelqu'un.", "Ben oui c'est un appel commercial, mais c'est bon, je vous laisse tranquille.", FR_SETTINGS, FR_PITCH)).toBe("present");
    expect(honoured("So I'm not interested really.", "Oh, you can't beat that. Right, I'll not keep you then.")).toBe("present");
    expect(honoured("Not interested, thanks.", "But you've told me you don't want this, so I'll take you off our list.")).toBe("present");
  });
  it("'yeah nah, that's fine', 'non c'est bon, je vous écoute', the recording refused and a question about later refuse nothing", () => {
    expect(refusals(EN_SETTINGS, EN_PITCH, "Yeah nah, that's fine, record away.")).toBe(0);
    expect(refusals(EN_SETTINGS, EN_PITCH, "I don't really want to lose my number, though.")).toBe(0);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Non, c'est bon, je vous écoute.")).toBe(0);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Ah non, l'enregistrement, non merci.")).toBe(0);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Et si après je veux plus que vous m'appeliez ?")).toBe(0);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Non merci.")).toBe(1);
  });
  it("the customer's current deal and when it ends are needs questions; a callback, the spouse, survey ratings and 'des questions ?' are not", () => {
    const enIntro: [Speaker, string] = ["agent", "It's a sales call, I'm ringing to tell you about Brightwave Energy's tariffs."];
    const frIntro: [Speaker, string] = ["agent", "C'est un appel commercial, c'est pour vous présenter les offres de Fibralis."];
    const en = (q: string) => analyze(lines(enIntro, ["agent", q]), EN_SETTINGS).pitchOnset;
    const fr = (q: string) => analyze(lines(frIntro, ["agent", q]), FR_SETTINGS).pitchOnset;
    expect(analyze(lines(["agent", "So can I ask, are you on a fixed rate at the moment?"]), EN_SETTINGS).pitchOnset?.kind).toBe("soft");
    expect(analyze(lines(["agent", "And when does your contract come to an end?"]), EN_SETTINGS).pitchOnset?.kind).toBe("soft");
    expect(en("Oh sorry! Would another evening suit you better?")).toBeNull();
    expect(en("How would you rate the dog parks round your area, one to five?")).toBeNull();
    expect(en("Is your husband there, could I have a word?")).toBeNull();
    expect(fr("Du coup chez vous, le chauffage, c'est électrique, gaz... ?")?.kind).toBe("soft");
    expect(fr("Vous voulez bien répondre à quelques questions ?")).toBeNull();
    expect(fr("Vous avez des questions ?")).toBeNull();
    expect(fr("Première question : est-ce que vous avez quelqu'un qui vient faire le ménage chez vous ?")?.kind).toBe("soft");
    expect(fr("C'est peut-être votre mari qui gère ça ? Je peux lui dire deux mots ?")).toBeNull();
  });
  it("'We're Hartwell and Stone's booking team' names the brand and books nothing", () => {
    const r = analyze(lines(["agent", "It's Gemma from Northgate Calls. We're Hartwell and Stone's booking team, the kitchen fitters."], EN_PITCH), { ...EN_SETTINGS, brands: ["Hartwell & Stone Kitchens"] });
    expect(r.pitchOnset?.utteranceIndex).toBe(1);
    expect(status(r, "ART14_IDENTITY")).toBe("present");
  });
  it("a pitch begun in a punctuated turn left without final punctuation starts there; in unpunctuated text it does not", () => {
    const cut = analyze(lines(["agent", "Your policy renews next month, and we can move you up to our annual plan"], ["agent", "for just forty-nine dollars more."]), EN_SETTINGS);
    expect(cut.pitchOnset?.utteranceIndex).toBe(0);
    const asr = analyze(lines(["agent", "your policy renews next month and we can move you up to our annual plan"], ["agent", "for just forty nine dollars more"]), EN_SETTINGS);
    expect(asr.pitchOnset?.utteranceIndex).toBe(1);
  });
});

describe("refusals and push-ons from the blind dev calls of round 34", () => {
  it.each([
    ["I'm not being funny, but I've not got the time or the money for this, honestly.", "Which is exactly why I'd love just sixty seconds to walk you through it."],
    ["We're emigrating next month, so it's really not worth it for us.", "But listen quickly before you go, what I've got for you today I can't hold after this call."],
    ["I'm only renting here, I wouldn't be bothered with it to be honest.", "Ah no bother at all, but look, tell you what."],
    ["My wife does all the money stuff. Nah, sorry.", "Ha, fair enough! Heaps of your neighbours have already jumped on board."],
    ["I'm hanging up now.", "Honestly, two more minutes and you'll see why."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it.each([
    ["Lui, les démarcheurs, il les supporte pas.", "Ah mais vous, par contre, vous avez l'air drôlement plus ouverte !"],
    ["Si vous me trouvez une nounou qui range leur chambre, je signe. Sinon ça joue pas, merci.", "Ah mais attendez, on a aussi du soutien scolaire."],
    ["Comment je fais pour que vous m'appeliez plus ?", "Mais attendez, c'est pas bon, ça ?"],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply, FR_SETTINGS, FR_PITCH)).toBe("violated"));
  it("a wrong person, a word not heard, a repair not worth it, or a memory refuse nothing", () => {
    expect(refusals(EN_SETTINGS, EN_PITCH, "No, sorry, there's no Linda here.")).toBe(0);
    expect(refusals(EN_SETTINGS, EN_PITCH, "No sorry, I didn't catch that.")).toBe(0);
    expect(refusals(EN_SETTINGS, EN_PITCH, "It's not worth fixing, the old one.")).toBe(0);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Ah oui, peut-être, je me rappelle plus trop.")).toBe(0);
  });
  it("'how are you getting into work these days?' asks about needs; 'how are you today?' does not", () => {
    const intro: [Speaker, string] = ["agent", "It's a sales call, I'm ringing to tell you about Brightwave Energy's tariffs."];
    expect(analyze(lines(intro, ["agent", "Quick one, how are you getting into work these days?"]), EN_SETTINGS).pitchOnset?.kind).toBe("soft");
    expect(analyze(lines(intro, ["agent", "So how are you today?"]), EN_SETTINGS).pitchOnset).toBeNull();
  });
});

describe("refusals and push-ons from the blind dev calls of round 35", () => {
  it.each([
    ["We're on a fixed income and my husband's on oxygen. We'll pass.", "Well ma'am, that is exactly why I wanted to reach you."],
    ["Nah mate, your lot did my sister's roof and it leaked for a year, never again.", "Oh no, I reckon you've got us mixed up with someone else."],
    ["We can't stretch to anything like that at the moment.", "Honestly, half the families round here told me exactly the same thing."],
    ["My son-in-law handles all that, and he's gonna say no.", "Totally hear you. I'll just mention, the rebate window closes at the end of the month."],
    ["We move in three weeks, so it's a no for now.", "Which is why a lot of folks grab our trays for moving week."],
    ["I've no stomach for this the now.", "Can I just ask, if something did happen tomorrow, would it all land on your kids?"],
    ["Ah, no, you're alright, love, I'll give it a miss.", "Do you find you're out and about with the phone a lot?"],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it.each([
    ["Franchement on n'a pas envie de changer.", "Mais c'est plus une question d'envie, avec les nouvelles règles."],
    ["On n'a pas l'intention de bouger, ma petite dame.", "Mais attendez, vous avez vu nos tarifs ?"],
    ["Donc bon, pour moi c'est pas la peine.", "Mais ça, c'est pas un souci. Laissez-moi juste vous expliquer en deux minutes."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply, FR_SETTINGS, FR_PITCH)).toBe("violated"));
  it("the recording refused, 'never forget', 'c'est pas la peine, continuez' refuse nothing", () => {
    expect(refusals(EN_SETTINGS, EN_PITCH, "No, I'm not keen on being recorded, to be honest.")).toBe(0);
    expect(refusals(EN_SETTINGS, EN_PITCH, "I'll never forget that holiday.")).toBe(0);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Non, non, c'est pas la peine, continuez.")).toBe(0);
    expect(refusals(EN_SETTINGS, EN_PITCH, "Not keen, thanks.")).toBe(1);
  });
});

describe("refusals and push-ons from the blind dev calls of round 36", () => {
  it.each([
    ["I've just had a baby, the last thing I need right now is another monthly payment.", "Aw, congratulations! So let me just explain how it works."],
    ["We're moving, so we're not putting another dime into this place.", "Oh, beautiful! And you know what, that's actually perfect timing."],
    ["Ag, no thanks, I'm not interested in buying another car.", "No, no, sorry, I think you misunderstood me, you wouldn't be buying anything at all."],
    ["We can't afford nothing like that right now.", "Tell you what, what if we looked at something a whole lot lighter?"],
    ["Wine is the last thing I need in the house.", "So here's what I'll do, the first box is totally free of charge."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it.each([
    ["Ces histoires de toit, c'est pas mon rayon, voyez ça avec le propriétaire.", "Et dites-moi, l'hiver, dans les chambres à l'étage, vous caillez pas un peu, vous ?"],
    ["Je vais pas m'engager comme ça au téléphone, non.", "Mais monsieur, votre épouse, elle va vous remercier !"],
    ["J'ai résilié, c'est pas pour recommencer.", "Mais vous savez, dans votre rue, quatre de vos voisins sont revenus avec nous."],
    ["Je suis pas du tout en état de penser à une cuisine.", "Laissez-moi juste vous expliquer en deux minutes."],
    ["J'ai quatre-vingt-deux ans, j'achète plus rien au téléphone.", "Mais justement, c'est souvent les enfants qui nous contactent."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply, FR_SETTINGS, FR_PITCH)).toBe("violated"));
  it("'envoyez d'abord le contrat, je signe rien au téléphone' sets a condition; 'sorry, that's on us' apologises", () => {
    expect(refusals(FR_SETTINGS, FR_PITCH, "Attendez, envoyez d'abord le contrat, je lirai, je signe rien au téléphone.")).toBe(0);
    expect(honoured("Take me off your list.", "Sorry, that's on us. I'm taking you off right now.")).toBe("present");
    expect(honoured("Not interested, thanks.", "No worries, have a great time in Denver!")).toBe("present");
  });
  it("'just tell me who you're with for the electric' asks for the current supplier", () => {
    expect(analyze(lines(["agent", "Just tell me who you're with for the electric and I'll tell you if you're overpaying."]), EN_SETTINGS).pitchOnset?.kind).toBe("soft");
  });
});

describe("refusals, push-ons and pitch onsets from the blind dev calls of round 38", () => {
  it("'ça ira' after the offer to stop the recording consents to it; after the pitch it refuses", () => {
    const afterRecording = lines(["agent", "L'appel est enregistré, vous pouvez refuser l'enregistrement si vous préférez."], ["customer", "Ça ira."], FR_PITCH);
    expect(analyze(afterRecording, FR_SETTINGS).objections).toHaveLength(0);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Ça ira.")).toBe(1);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Bon, non, je reste où je suis. Merci, au revoir.")).toBe(1);
    expect(refusals(FR_SETTINGS, FR_PITCH, "On n'est pas du tout dans cette optique-là.")).toBe(1);
  });
  it.each([
    ["Ah no, I don't want anything like that, thanks.", "It's a very popular plan, and it would cover the funeral."],
    ["No thanks, not for me.", "It's our most popular deal, to be fair."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it("'c'est une formule très demandée' after a refusal goes on selling", () => {
    expect(honoured("Non merci, ça m'intéresse pas.", "C'est pourtant une formule très demandée, vous savez.", FR_SETTINGS, FR_PITCH)).toBe("violated");
  });
  it("promo alerts as the data source, the recording that changes nothing, the fibre operator are not the pitch", () => {
    expect(onset(FR_SETTINGS, "Votre numéro, on l'a eu via Bons Plans, le site où vous vous étiez inscrit aux alertes promo.", FR_PITCH[1])).toBe(1);
    expect(onset(FR_SETTINGS, "Vous pouvez refuser l'enregistrement, ça ne change rien pour la suite.", FR_PITCH[1])).toBe(1);
    expect(onset(FR_SETTINGS, "C'est un opérateur fibre, ils arrivent dans votre commune.", FR_PITCH[1])).toBe(1);
    expect(onset(FR_SETTINGS, "La fibre arrive dans votre commune, vous êtes éligible.", FR_PITCH[1])).toBe(0);
    expect(onset(FR_SETTINGS, "On peut enregistrer le changement dès aujourd'hui.", FR_PITCH[1])).toBe(0);
  });
  it("'vous êtes sur quelle formule ?' asks about the customer's plan; 'vous êtes sûre ?' does not", () => {
    const disclosed = "C'est un appel commercial, pour vous présenter les formules de Fibralis.";
    expect(onset(FR_SETTINGS, disclosed, "Aujourd'hui vous êtes sur quelle formule, pour l'optique ?", FR_PITCH[1])).toBe(1);
    expect(onset(FR_SETTINGS, disclosed, "Vous êtes sûre de vouloir raccrocher ?", FR_PITCH[1])).toBe(2);
  });
});

describe("refusals, push-ons and pitch onsets from the blind dev calls of round 39", () => {
  it("refusals said by excuse; 'mon contrat, c'est fini en mars' is news", () => {
    for (const said of ["Look, I'm not really after anything, thanks.", "You're wasting your breath, love."]) expect(refusals(EN_SETTINGS, EN_PITCH, said), said).toBe(1);
    for (const said of ["Ouh là, non, ça va pas être possible, hein.", "On est à sec, on n'a pas un euro à mettre là-dedans.", "Ah non, mais moi le vin, c'est fini."]) expect(refusals(FR_SETTINGS, FR_PITCH, said), said).toBe(1);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Mon contrat, c'est fini en mars.")).toBe(0);
  });
  it.each([
    ["I just signed up with another crowd last week, so I'm sorted.", "Ah sure, no bother, who did you go with out of interest?"],
    ["Ah look, I rent, mate. So no thanks.", "Nah, nah, I reckon you've got the wrong idea there."],
    ["You're wasting your breath, love.", "Oh congratulations! Mind you, that's exactly when folk get caught out."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it("'je suis tenu de vous lire les conditions jusqu'au bout' after a refusal goes on selling", () => {
    expect(honoured("Non, ça ira.", "Par contre je suis tenu de vous lire les conditions jusqu'au bout.", FR_SETTINGS, FR_PITCH)).toBe("violated");
  });
  it("'the brand, who you're with' describes the brand; 'who are you with?' asks about needs", () => {
    expect(onset(FR_SETTINGS, "Je vous appelle de la part de Fibralis, chez qui vous avez votre contrat habitation.", FR_PITCH[1])).toBe(1);
    expect(onset(FR_SETTINGS, "Et chez qui vous avez votre contrat habitation aujourd'hui ?", FR_PITCH[1])).toBe(0);
    expect(onset(EN_SETTINGS, "I'm calling for Brightwave Energy, who you've got your cover with.", EN_PITCH[1])).toBe(1);
    expect(onset(EN_SETTINGS, "So who have you got your cover with at the moment?", EN_PITCH[1])).toBe(0);
  });
  it("'vous savez me dire...?', 'avez-vous continué l'espagnol ?', 'plutôt côté jardin ou côté rue' ask about needs; 'je continue ?' does not", () => {
    const disclosed = "C'est un appel commercial, pour vous présenter les offres de Fibralis.";
    expect(onset(FR_SETTINGS, disclosed, "Vous savez me dire, chez vous, la douche, vous avez des traces de calcaire ?", FR_PITCH[1])).toBe(1);
    expect(onset(FR_SETTINGS, disclosed, "Avez-vous continué l'espagnol depuis, ou vous avez lâché un peu ?", FR_PITCH[1])).toBe(1);
    expect(onset(FR_SETTINGS, disclosed, "aujourd'hui votre séjour il donne plutôt côté jardin ou côté rue", FR_PITCH[1])).toBe(1);
    expect(onset(FR_SETTINGS, disclosed, "Vous m'entendez bien ? Je continue ?", FR_PITCH[1])).toBe(2);
  });
  it("'at today's prices' offers a price", () => {
    expect(onset(EN_SETTINGS, "what harbour light does is let you pay for your funeral now at todays prices", "Anything else?")).toBe(0);
  });
});

describe("pitch onsets from the blind dev calls of round 40", () => {
  it("an engineer offering to pop round for a free safety check proposes a visit; it disguises nothing", () => {
    const visit = analyze(lines(["agent", "We've got jobs on your road next week, and I wondered if I could pop round and do a free safety check on your garage door."]), EN_SETTINGS);
    expect(visit.pitchOnset?.utteranceIndex).toBe(0);
    expect(status(visit, "COMMERCIAL_NATURE")).toBe("missing");
    expect(status(analyze(lines(["agent", "This is a routine safety check on your account."], EN_PITCH), EN_SETTINGS), "COMMERCIAL_NATURE")).toBe("violated");
  });
  it("'who's looking after your lawn at the moment', 'are you still thinking about a new kitchen' ask about needs; 'are you still there?' does not", () => {
    expect(onset(EN_SETTINGS, "ha yeah the grass must be going nuts whos looking after your lawn at the moment", "Anything else?")).toBe(0);
    expect(onset(EN_SETTINGS, "So are you still thinking about a new kitchen this year?", "Anything else?")).toBe(0);
    expect(onset(EN_SETTINGS, "Sorry, are you still there?", EN_PITCH[1])).toBe(1);
    expect(onset(EN_SETTINGS, "Who's looking after the kids today, if I may ask?", EN_PITCH[1])).toBe(1);
  });
});

describe("refusals, push-ons and pitch onsets from the blind dev calls of round 41", () => {
  it("refusals by excuse; 'what's the point of the extra cover?' asks", () => {
    for (const said of [
      "Thing is, love, we're moving out end of the month, so there's not really any point, is there.",
      "im with the same crowd ten years im not one bit interested in changing sorry",
      "Honestly, I'm not up to signing up for anything just now.",
      "Ah no, stop there. I wouldn't touch them with a barge pole.",
      "naw yer alright hen im skint these days",
    ]) expect(refusals(EN_SETTINGS, EN_PITCH, said), said).toBe(1);
    expect(refusals(FR_SETTINGS, FR_PITCH, "Le jardin c'est mon mari qui s'en occupe, on a besoin de personne, merci.")).toBe(1);
    expect(refusals(EN_SETTINGS, EN_PITCH, "What's the point of the extra cover?")).toBe(0);
  });
  it.each([
    ["We're moving out end of the month, so there's not really any point.", "Ah, that's lovely, and d'you know, that actually works in your favour."],
    ["im not one bit interested in changing sorry", "i hear you but i do have to go through the full terms with you before i can close off the call"],
    ["naw yer alright hen im skint", "aw nae bother at all what about just the one christmas raffle ticket then"],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply)).toBe("violated"));
  it.each([
    ["Non merci, ça m'intéresse pas.", "Et si on regardait juste pour une seule pièce, pour commencer ?"],
    ["Je suis au boulot, je vais raccrocher.", "Oui bien sûr, juste pour que vous sachiez, ce prix-là augmente le mois prochain."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply, FR_SETTINGS, FR_PITCH)).toBe("violated"));
  it("'je précise juste que l'appel était enregistré' after letting the customer go pushes nothing ('juste' is not 'justement')", () => {
    expect(honoured("Ça m'intéresse pas.", "D'accord, pas de souci madame, je vous laisse tranquille. Je précise juste que l'appel était enregistré.", FR_SETTINGS, FR_PITCH)).toBe("present");
  });
  it("a promo and a pound a week offer; a promotional call and its promotions announced do not", () => {
    expect(onset(EN_SETTINGS, "So right now we've got a spring promo where we replace any three windows and you only pay for two.", "Anything else?")).toBe(0);
    expect(onset(EN_SETTINGS, "So the lottery's a pound a week, and every line helps.", "Anything else?")).toBe(0);
    expect(onset(EN_SETTINGS, "Yes sir, it is a promotional call.", EN_PITCH[1])).toBe(1);
    expect(onset(EN_SETTINGS, "I'm gonna walk you through Brightwave's current promotions real quick.", EN_PITCH[1])).toBe(1);
  });
  it("'the national supplier, on the regulated tariff' and 'passer faire l'étude' disguise nothing; a national regulator's programme does", () => {
    const commercial = (settings: typeof EN_SETTINGS, pitch: [Speaker, string], said: string) => status(analyze(lines(["agent", said], pitch), settings), "COMMERCIAL_NATURE");
    expect(commercial(EN_SETTINGS, EN_PITCH, "So, are you still with the national supplier, on the regulated tariff?")).toBe("missing");
    expect(commercial(EN_SETTINGS, EN_PITCH, "We're calling for the national energy regulator's programme.")).toBe("violated");
    expect(commercial(FR_SETTINGS, FR_PITCH, "Avec les aides on peut passer faire l'étude chez vous.")).toBe("missing");
    expect(commercial(FR_SETTINGS, FR_PITCH, "On fait une petite étude sur les habitudes de chauffage.")).toBe("violated");
  });
});

describe("refusals and push-ons from the blind dev calls of round 42", () => {
  it("'non, alors là, c'est pas possible' refuses; 'c'est pas possible, vous êtes déjà au courant ?' wonders", () => {
    expect(refusals(FR_SETTINGS, FR_PITCH, "Quarante-neuf ? Oh non, alors là, c'est pas possible.")).toBe(1);
    expect(refusals(FR_SETTINGS, FR_PITCH, "C'est pas possible, vous êtes déjà au courant ?")).toBe(0);
  });
  it.each([
    ["Alors c'est non, hein.", "Vous savez, rien que sur Annemasse, on a plus de trois cents frontaliers qui nous ont rejoints ce mois-ci."],
    ["Alors c'est non, hein.", "Franchement, ce serait bête que votre femme apprenne que vous êtes passé à côté."],
  ])("'%s' then '%s' goes on selling", (refusal, reply) => expect(honoured(refusal, reply, FR_SETTINGS, FR_PITCH)).toBe("violated"));
});
