import { describe, expect, it } from "vitest";
import type { ElementId } from "../../src/compliance/types.ts";
import type { Speaker } from "../../src/transcript/types.ts";
import { analyze, EN_PITCH, EN_SETTINGS, FR_PITCH, FR_SETTINGS, lines, status } from "./helpers.ts";

/** One disclosure sentence, then the pitch: the element is present iff the sentence states it. */
function frDisclosure(id: ElementId, sentence: string) {
  return status(analyze(lines(["agent", sentence], FR_PITCH), FR_SETTINGS), id);
}
function enDisclosure(id: ElementId, sentence: string) {
  return status(analyze(lines(["agent", sentence], EN_PITCH), EN_SETTINGS), id);
}

describe("ID_CALLER", () => {
  it.each([
    "Bonjour, Julie de la société Axiome Contact.",
    "Je suis Karim, conseiller chez Fibralis.",
    "Vous êtes en ligne avec Marc, société Axiome Contact.",
  ])("present: %s", (s) => expect(frDisclosure("ID_CALLER", s)).toBe("present"));
  it.each(["Hi, this is Julie from Northgate Calls.", "My name is Karim, I'm calling from Brightwave Energy."])("present: %s", (s) =>
    expect(enDisclosure("ID_CALLER", s)).toBe("present"),
  );
  it.each(["Bonjour, c'est Julie.", "Bonjour madame, je m'appelle Sophie."])("a first name alone is not enough: %s", (s) =>
    expect(frDisclosure("ID_CALLER", s)).toBe("missing"),
  );
  it("a first name alone is not enough (en)", () => expect(enDisclosure("ID_CALLER", "Hi there, it's Julie.")).toBe("missing"));
  it("a name whose last word is a cue word ('Northgate Calls') is not a caller announcing itself", () => {
    expect(enDisclosure("ID_CALLER", "Have you heard of Northgate Calls?")).toBe("missing");
    expect(enDisclosure("ID_CALLER", "Northgate Calls calling, good morning.")).toBe("present");
  });
  it("tolerates a mis-transcribed brand name in an introduction", () => {
    expect(frDisclosure("ID_CALLER", "bonjour c'est julie de chez finalistes")).toBe("present");
    expect(frDisclosure("ID_CALLER", "bonjour c'est julie de chez fibre alis")).toBe("present");
  });
  it("does not take an unrelated word for the brand", () => {
    expect(frDisclosure("ID_CALLER", "bonjour c'est julie de chez final")).toBe("missing");
  });
});

describe("a disclosure over two sentences of one utterance", () => {
  it("counts when the brand is named first and referred back to ('for them', 'pour eux')", () => {
    expect(enDisclosure("ART14_IDENTITY", "We work closely with Brightwave Energy. I'm calling on their behalf today.")).toBe("present");
    expect(frDisclosure("ART14_IDENTITY", "Vous connaissez Fibralis ? Eh bien c'est pour eux que je vous appelle.")).toBe("present");
  });
  it("quotes both sentences as the utterance writes them", () => {
    const result = analyze(lines(["agent", "Bonjour ! Vous connaissez Fibralis ? Eh bien c'est pour eux que je vous appelle."], FR_PITCH), FR_SETTINGS);
    expect(result.elements.find((e) => e.id === "ART14_IDENTITY")!.evidence!.text).toBe("Vous connaissez Fibralis ? Eh bien c'est pour eux que je vous appelle");
  });
    it("does not when the second sentence says something else of the brand", () => {
    expect(frDisclosure("ART14_IDENTITY", "Vous connaissez Fibralis ? Nous sommes moins chers qu'eux.")).toBe("missing");
    expect(enDisclosure("ART14_IDENTITY", "Are you with Brightwave Energy? We beat their prices.")).toBe("missing");
  });
  it("only for cues written to refer back: a right to refuse the calls and a recording notice do not make a right to refuse the recording", () => {
    expect(enDisclosure("REC_OBJECTION_RIGHT", "You can say no to our calls at any time. This call is recorded.")).toBe("missing");
    expect(frDisclosure("REC_OBJECTION_RIGHT", "Vous avez le droit de dire non au démarchage. Petite précision, l'appel est enregistré.")).toBe("missing");
  });
});

describe("ART14_IDENTITY", () => {
  it("a long name said without its leading and trailing generic words ('Toitsûr' for 'Mutuelle Toitsûr Habitat et Famille')", () => {
    const settings = { ...FR_SETTINGS, brands: ["Mutuelle Toitsûr Habitat et Famille"] };
    expect(status(analyze(lines(["agent", "J'appelle pour Toitsûr, votre assureur."], FR_PITCH), settings), "ART14_IDENTITY")).toBe("present");
    expect(status(analyze(lines(["agent", "J'appelle pour Toit, votre assureur."], FR_PITCH), settings), "ART14_IDENTITY")).toBe("missing");
  });
  it("the customer names the brand and the agent confirms it; a reply that does not confirm is no disclosure", () => {
    const call = (reply: string) =>
      status(
        analyze(lines(["agent", "Hi, it's Julie from Northgate Calls, ringing for an energy firm."], ["customer", "Is this Brightwave?"], ["agent", reply], EN_PITCH), EN_SETTINGS),
        "ART14_IDENTITY",
      );
    expect(call("Exactly, yeah, that's who I'm ringing on behalf of.")).toBe("present");
    expect(call("We work with lots of firms, Brightwave's just one of them.")).toBe("missing");
  });
  it.each(["Je vous appelle pour le compte de Fibralis.", "Nous sommes partenaire officiel de Fibralis.", "Je suis conseiller Fibralis."])(
    "present: %s",
    (s) => expect(frDisclosure("ART14_IDENTITY", s)).toBe("present"),
  );
  it("present (en)", () => expect(enDisclosure("ART14_IDENTITY", "I'm calling on behalf of Brightwave Energy.")).toBe("present"));
  it("the call centre alone does not name the brand", () =>
    expect(frDisclosure("ART14_IDENTITY", "Julie de la société Axiome Contact.")).toBe("missing"));
});

describe("COMMERCIAL_NATURE", () => {
  it.each(["Il s'agit d'un appel commercial.", "C'est une démarche commerciale de notre part."])("present: %s", (s) =>
    expect(frDisclosure("COMMERCIAL_NATURE", s)).toBe("present"),
  );
  it("present (en)", () => expect(enDisclosure("COMMERCIAL_NATURE", "This is a sales call.")).toBe("present"));
  it("the pitch utterance itself may state it", () => {
    const r = analyze(lines(["agent", "Bonjour, je vous appelle pour vous proposer notre offre fibre à 24,99 euros."]), FR_SETTINGS);
    expect(status(r, "COMMERCIAL_NATURE")).toBe("present");
  });
  it.each([
    "Nous réalisons une enquête de satisfaction sur votre fournisseur internet.",
    "C'est un appel de courtoisie de la part de votre opérateur.",
    "Je vous appelle de la part de l'Anah pour le contrôle de votre installation.",
  ])("disguised call is violated: %s", (s) => expect(frDisclosure("COMMERCIAL_NATURE", s)).toBe("violated"));
  it("disguise words after the pitch present nothing (follow-up survey, account update)", () => {
    const fr = analyze(
      lines(["agent", "C'est un appel commercial."], FR_PITCH, ["agent", "Je mets à jour votre dossier, vous recevrez un questionnaire de satisfaction par mail."]),
      FR_SETTINGS,
    );
    expect(status(fr, "COMMERCIAL_NATURE")).toBe("present");
    const en = analyze(lines(["agent", "This is a sales call."], EN_PITCH, ["agent", "I'll update your account, and you'll get a satisfaction survey by email."]), EN_SETTINGS);
    expect(status(en, "COMMERCIAL_NATURE")).toBe("present");
  });
  it("a disguise in the pitch utterance, before the offer, still counts", () =>
    expect(status(analyze(lines(["agent", "On fait une petite enquête : vous payez combien d'électricité par mois ?"]), FR_SETTINGS), "COMMERCIAL_NATURE")).toBe(
      "violated",
    ));
  it("disguised call is violated (en)", () =>
    expect(enDisclosure("COMMERCIAL_NATURE", "We're running a quick survey about energy bills.")).toBe("violated"));
  it("'quality checks' in the answer to 'is this recorded?' is the recording notice, not a disguise (a disguise cue's notAfter)", () => {
    const call = (question: string) =>
      analyze(lines(["agent", "This is a sales call."], ["customer", question], ["agent", "Yeah, it may be, just for quality checks."], EN_PITCH), EN_SETTINGS);
    expect(status(call("And you're recording this?"), "COMMERCIAL_NATURE")).toBe("present");
    expect(status(call("What's this about then?"), "COMMERCIAL_NATURE")).toBe("violated");
  });
  it("a configured name's own words are not cue words ('Pennine Direct Marketing' says nothing of the call's nature)", () => {
    const settings = { ...EN_SETTINGS, callCentres: ["Pennine Direct Marketing"] };
    const said = (s: string) => status(analyze(lines(["agent", s], EN_PITCH), settings), "COMMERCIAL_NATURE");
    expect(said("Hi, it's Dean from Pennine Direct Marketing, calling for Brightwave Energy.")).toBe("missing");
    expect(said("Hi, it's Dean from Pennine Direct Marketing, and this is a marketing call for Brightwave Energy.")).toBe("present");
  });
  it("saying it is NOT a survey is not a disguise", () =>
    expect(frDisclosure("COMMERCIAL_NATURE", "Ce n'est pas une enquête, c'est un appel commercial.")).toBe("present"));
});

describe("ART14_PURPOSE", () => {
  it("present", () => expect(frDisclosure("ART14_PURPOSE", "Vos coordonnées sont utilisées pour vous présenter les offres de Fibralis.")).toBe("present"));
  it("present (en)", () => expect(enDisclosure("ART14_PURPOSE", "We use your number to tell you about our energy offers.")).toBe("present"));
  it("a bare 'sales call' states the nature, not the purpose", () =>
    expect(frDisclosure("ART14_PURPOSE", "Il s'agit d'un appel commercial.")).toBe("missing"));
});

describe("ART14_SOURCE", () => {
  it.each(["Vous avez rempli un formulaire sur le site Comparatel.", "Vos coordonnées nous ont été transmises par notre partenaire Comparatel."])(
    "present: %s",
    (s) => expect(frDisclosure("ART14_SOURCE", s)).toBe("present"),
  );
  it("present (en)", () => expect(enDisclosure("ART14_SOURCE", "You requested a quote on SwitchSmart last week.")).toBe("present"));
  it("signing up somewhere is a source; a registration that says nothing of where the number came from is not (en)", () => {
    expect(enDisclosure("ART14_SOURCE", "You signed up on SwitchSmart in May, that's how.")).toBe("present");
    expect(enDisclosure("ART14_SOURCE", "Once you're enrolled, the first lesson is free.")).toBe("missing");
    expect(enDisclosure("ART14_SOURCE", "Are you registered for online billing?")).toBe("missing");
  });
  it("does not apply to own customers", () => {
    const r = analyze(lines(FR_PITCH), { ...FR_SETTINGS, leadOrigin: "own_customers" });
    expect(status(r, "ART14_SOURCE")).toBe("not_applicable");
  });
});

describe("ART21_OBJECTION_INFO", () => {
  it.each([
    "Vous pouvez à tout moment vous opposer à être rappelé, il suffit de me le dire.",
    "Si vous ne souhaitez plus être démarché, dites-le-moi et nous vous retirerons de nos listes.",
  ])("present: %s", (s) => expect(frDisclosure("ART21_OBJECTION_INFO", s)).toBe("present"));
  it("present (en)", () => expect(enDisclosure("ART21_OBJECTION_INFO", "You can object to being called at any time, just tell me.")).toBe("present"));
  it("a Bloctel-only mention does not satisfy it", () => {
    expect(frDisclosure("ART21_OBJECTION_INFO", "Si vous ne souhaitez plus être démarché, vous pouvez vous inscrire sur Bloctel.")).toBe("missing");
    expect(enDisclosure("ART21_OBJECTION_INFO", "You can sign up to Bloctel at bloctel.gouv.fr.")).toBe("missing");
  });
  it("a right to object through Bloctel does not satisfy it, one stated beside Bloctel does", () => {
    expect(frDisclosure("ART21_OBJECTION_INFO", "Vous pouvez vous opposer au démarchage en vous inscrivant sur Bloctel.")).toBe("missing");
    expect(frDisclosure("ART21_OBJECTION_INFO", "Vous pouvez vous opposer à nos appels quand vous voulez, et vous pouvez aussi vous inscrire sur Bloctel.")).toBe(
      "present",
    );
  });
  it("hanging up, denying a sale or promising after a refusal is no right to object (en)", () => {
    expect(enDisclosure("ART21_OBJECTION_INFO", "And of course you're free to hang up whenever you like.")).toBe("missing");
    expect(enDisclosure("ART21_OBJECTION_INFO", "Don't worry, this isn't a sales call at all, it's just a quick check-in.")).toBe("missing");
    expect(enDisclosure("ART21_OBJECTION_INFO", "The call is recorded, and you have the right to object to the recording.")).toBe("missing");
    expect(enDisclosure("ART21_OBJECTION_INFO", "Feel free to stop me if you have a question.")).toBe("missing");
    expect(enDisclosure("ART21_OBJECTION_INFO", "You're free to refuse these calls, just say so.")).toBe("present");
  });
  it("the right to refuse the recording is not the right to object to prospecting", () =>
    expect(frDisclosure("ART21_OBJECTION_INFO", "Vous pouvez vous opposer à cet enregistrement.")).toBe("missing"));
  it("taking the customer off the list in reply to a refusal honours it, it does not state the right; the right stated there is late", () => {
    const afterRefusal = (settings: typeof FR_SETTINGS, pitch: [Speaker, string], refusal: string, reply: string) =>
      status(analyze(lines(pitch, ["customer", refusal], ["agent", reply]), settings), "ART21_OBJECTION_INFO");
    expect(afterRefusal(FR_SETTINGS, FR_PITCH, "Non merci, ça m'intéresse pas.", "Très bien, je retire votre numéro de notre fichier.")).toBe("missing");
    expect(afterRefusal(EN_SETTINGS, EN_PITCH, "Not interested, thanks.", "No problem, I'll just take you off our list then.")).toBe("missing");
    expect(afterRefusal(FR_SETTINGS, FR_PITCH, "Non merci, ça m'intéresse pas.", "D'accord, vous avez le droit de vous opposer à nos appels, je vous retire de nos listes.")).toBe("late");
    // Near-miss: the same words after an answer that refuses nothing still state it.
    expect(afterRefusal(FR_SETTINGS, FR_PITCH, "Ah oui, combien ça coûte ?", "Et si vous préférez, je retire votre numéro de notre fichier.")).toBe("late");
  });
});

describe("REC_NOTICE and REC_OBJECTION_RIGHT", () => {
  it("notice alone", () => {
    const r = analyze(lines(["agent", "Cet appel est susceptible d'être enregistré."], FR_PITCH), FR_SETTINGS);
    expect(status(r, "REC_NOTICE")).toBe("present");
    expect(status(r, "REC_OBJECTION_RIGHT")).toBe("missing");
  });
  it("'the call may be recorded' alone is not REC_OBJECTION_RIGHT (en)", () => {
    const r = analyze(lines(["agent", "This call may be recorded for training purposes."], EN_PITCH), EN_SETTINGS);
    expect(status(r, "REC_NOTICE")).toBe("present");
    expect(status(r, "REC_OBJECTION_RIGHT")).toBe("missing");
  });
  it("a negation rules out its own 'recorded', not the notice beside it", () => {
    const r = analyze(lines(["agent", "This call is being recorded; if you'd rather not be recorded, let me know and I'll turn it off."], EN_PITCH), EN_SETTINGS);
    expect(status(r, "REC_NOTICE")).toBe("present");
    expect(status(r, "REC_OBJECTION_RIGHT")).toBe("present");
    expect(status(analyze(lines(["agent", "Don't worry, this call isn't recorded."], EN_PITCH), EN_SETTINGS), "REC_NOTICE")).toBe("missing");
  });
  it("right to refuse the recording", () => {
    expect(frDisclosure("REC_OBJECTION_RIGHT", "Vous pouvez vous opposer à cet enregistrement, dites-le-moi et je l'arrête.")).toBe("present");
    expect(enDisclosure("REC_OBJECTION_RIGHT", "If you don't want to be recorded, press 2.")).toBe("present");
  });
  it("do not apply when the call is not recorded", () => {
    const r = analyze(lines(FR_PITCH), { ...FR_SETTINGS, recorded: false });
    expect(status(r, "REC_NOTICE")).toBe("not_applicable");
    expect(status(r, "REC_OBJECTION_RIGHT")).toBe("not_applicable");
  });
  it("a customer saying 'recorded' is not the agent's notice", () => {
    const r = analyze(lines(["customer", "Est-ce que cet appel est enregistré ?"], FR_PITCH), FR_SETTINGS);
    expect(status(r, "REC_NOTICE")).toBe("missing");
  });
});

describe("BLOCTEL_MENTION", () => {
  const mention: [("agent"), string] = ["agent", "Vous pouvez vous inscrire gratuitement sur Bloctel."];
  it("applies to calls before 11 August 2026", () => {
    expect(status(analyze(lines(FR_PITCH), { ...FR_SETTINGS, calledAt: "2026-08-10T15:00:00+02:00" }), "BLOCTEL_MENTION")).toBe("missing");
    expect(status(analyze(lines(mention, FR_PITCH), { ...FR_SETTINGS, calledAt: "2026-05-04" }), "BLOCTEL_MENTION")).toBe("present");
  });
  it("does not apply from 11 August 2026, in Paris time", () => {
    expect(status(analyze(lines(FR_PITCH), { ...FR_SETTINGS, calledAt: "2026-08-11" }), "BLOCTEL_MENTION")).toBe("not_applicable");
    // 23:30 UTC on the 10th is already the 11th in Paris.
    expect(status(analyze(lines(FR_PITCH), { ...FR_SETTINGS, calledAt: "2026-08-10T23:30:00Z" }), "BLOCTEL_MENTION")).toBe("not_applicable");
  });
  it("is undeterminable without a call date unless it was said", () => {
    const noDate = { ...FR_SETTINGS, calledAt: undefined };
    const r = analyze(lines(FR_PITCH), noDate);
    expect(status(r, "BLOCTEL_MENTION")).toBe("undeterminable");
    expect(status(analyze(lines(mention, FR_PITCH), noDate), "BLOCTEL_MENTION")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 24", () => {
  it("the brand or call centre named as the greeting presents the caller", () => {
    const r = analyze(lines(["agent", "Keldara Power, good afternoon, this is Rachel. Am I speaking with Mr Alvarez?"], EN_PITCH), { ...EN_SETTINGS, brands: ["Keldara Power"] });
    expect(status(r, "ID_CALLER")).toBe("present");
    expect(status(r, "ART14_IDENTITY")).toBe("present");
    expect(frDisclosure("ART14_IDENTITY", "Fibralis bonjour, Nathalie à l'appareil, je suis bien chez madame Perrin ?")).toBe("present");
    // Near-miss: the brand as the product, even next to a greeting word.
    expect(frDisclosure("ART14_IDENTITY", "Bonjour, vous connaissez l'offre Fibralis ?")).toBe("missing");
  });
  it("a brand said without its generic last word, even one written as two run together ('HomeCare')", () => {
    const settings = { ...EN_SETTINGS, brands: ["Penrose HomeCare"] };
    expect(status(analyze(lines(["agent", "I'm calling on behalf of the Penrose Group, their home cover side."], EN_PITCH), settings), "ART14_IDENTITY")).toBe("present");
    const fr = { ...FR_SETTINGS, brands: ["Solvéa Santé"] };
    expect(status(analyze(lines(["agent", "J'appelle pour le compte du groupe Solvéa."], FR_PITCH), fr), "ART14_IDENTITY")).toBe("present");
    // Near-miss: a name whose last word is not generic is not said by a short first word alone ("Penrose" alone is long and coined enough, see names.ts).
    const other = { ...EN_SETTINGS, brands: ["Nova Lumina"] };
    expect(status(analyze(lines(["agent", "I'm calling on behalf of the Nova Group."], EN_PITCH), other), "ART14_IDENTITY")).toBe("missing");
  });
  it("the brand's own department is the brand calling; its subscription is its product", () => {
    const settings = { ...FR_SETTINGS, brands: ["Lectura Presse"] };
    const id = (s: string) => status(analyze(lines(["agent", s], FR_PITCH), settings), "ART14_IDENTITY");
    expect(id("c'est julien du service abonnements de lectura presse")).toBe("present");
    expect(id("je vous appelle au sujet des abonnements de lectura presse")).toBe("missing");
  });
  it("'de l'institut Sondelec' names the calling company", () => {
    const r = analyze(lines(["agent", "Bonjour, ici Inès, de l'institut Sondelec."], FR_PITCH), { ...FR_SETTINGS, callCentres: ["Sondelec"] });
    expect(status(r, "ID_CALLER")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 25", () => {
  it.each([
    "We're ringing on behalf of one of our partners about a coffee offer they're running at the moment. It's a sales call.",
    "i'm ringing about the home phone and broadband deals they have got on at the minute so yeah it is a sales call",
    "This is a sales call, we're letting drivers know about Brightwave's roadside memberships.",
  ])("purpose: %s", (s) => expect(enDisclosure("ART14_PURPOSE", s)).toBe("present"));
  it("'part of the survey, we just let people know about the deal' states no purpose", () => {
    expect(enDisclosure("ART14_PURPOSE", "It's part of the survey, we just let people know about the deal.")).toBe("missing");
  });
  it("a questionnaire named as where the data came from is no disguise", () => {
    const r = analyze(
      lines(["agent", "C'est un appel commercial pour vous présenter les offres de Fibralis."], ["agent", "Vos coordonnées viennent du questionnaire santé de Comparatel, que vous aviez rempli en mai."], FR_PITCH),
      FR_SETTINGS,
    );
    expect(status(r, "COMMERCIAL_NATURE")).toBe("present");
    expect(status(analyze(lines(["agent", "On réalise un petit questionnaire sur vos habitudes."], FR_PITCH), FR_SETTINGS), "COMMERCIAL_NATURE")).toBe("violated");
  });
  it("the brand named on the agent's next turn after a hesitation", () => {
    const r = analyze(lines(["agent", "Bonjour madame, Mathieu, d'Axiome Contact, on est mandatés par, euh, attendez..."], ["agent", "...Fibralis, voilà, pardon."], FR_PITCH), FR_SETTINGS);
    expect(status(r, "ART14_IDENTITY")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 26", () => {
  it("'vous présenter nos nouveaux équipements' is a purpose; presenting the team is not", () => {
    expect(frDisclosure("ART14_PURPOSE", "C'est un appel commercial, je voulais vous présenter nos nouveaux équipements pour les abonnés.")).toBe("present");
    expect(frDisclosure("ART14_PURPOSE", "Je voulais vous présenter notre équipe.")).toBe("missing");
  });
  it("'refuser qu'on vous relance' is the right to object", () => {
    expect(frDisclosure("ART21_OBJECTION_INFO", "Vous êtes libre de refuser qu'on vous relance pour ce genre de propositions, il suffit de me le dire.")).toBe("present");
  });
  it("'it's just off one of our marketing lists' tells where the number came from, not how to get off the list", () => {
    expect(enDisclosure("ART21_OBJECTION_INFO", "Oh, it's just off one of our marketing lists, mate, nothing dodgy.")).toBe("missing");
    expect(enDisclosure("ART21_OBJECTION_INFO", "If you'd like, I can take you off our marketing list.")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 27", () => {
  it("'you can put your number on Bloctel' is no source", () => {
    expect(enDisclosure("ART14_SOURCE", "And if you'd rather not get calls like this you can put your number on Bloctel, it's free.")).toBe("missing");
  });
  it("'ringing homeowners to offer them a better rate on cover' is commercial", () => {
    expect(enDisclosure("COMMERCIAL_NATURE", "We're ringing homeowners to offer them a better rate on buildings and contents cover.")).toBe("present");
  });
  it("the brand by its first word when the rest is a product word ('Northgate' for 'Northgate Mobile Protect'), or as the greeting", () => {
    const settings = { ...EN_SETTINGS, brands: ["Northgate Mobile Protect"] };
    expect(status(analyze(lines(["agent", "Hi Ciara, Seán here from Liffey Direct, I'm ringing on behalf of Northgate."], EN_PITCH), settings), "ART14_IDENTITY")).toBe("present");
    const tidy = { ...EN_SETTINGS, brands: ["Tidyhaus"] };
    expect(status(analyze(lines(["agent", "Tidyhaus, g'day, Mel speaking, am I talking to Mrs Okafor?"], EN_PITCH), tidy), "ART14_IDENTITY")).toBe("present");
  });
  it("'on enregistre nos appels. Si ça vous dérange, dites-le moi et on coupe.' gives the right to refuse the recording", () => {
    const r = analyze(lines(["agent", "Petite précision, on enregistre nos appels. Si ça vous dérange, dites-le moi et on coupe."], FR_PITCH), FR_SETTINGS);
    expect(status(r, "REC_OBJECTION_RIGHT")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 28", () => {
  it("the brand by its first word when the rest names the product ('Roadwise' for 'Roadwise Driving Academy')", () => {
    const settings = { ...EN_SETTINGS, brands: ["Roadwise Driving Academy"] };
    expect(status(analyze(lines(["agent", "It's Marcus with Northgate Calls, I'm calling on behalf of Roadwise."], EN_PITCH), settings), "ART14_IDENTITY")).toBe("present");
  });
  it("'je vous souhaite une bonne soirée' after 'on vous laisse tranquille' states no right", () => {
    expect(frDisclosure("ART21_OBJECTION_INFO", "D'accord, on vous laisse tranquille, je vous souhaite une bonne soirée.")).toBe("missing");
    expect(frDisclosure("ART21_OBJECTION_INFO", "Si vous souhaitez qu'on vous laisse tranquille, dites-le et on arrête.")).toBe("present");
  });
  it("'nos fichiers partenaires, je saurais pas vous dire' dodges the source", () => {
    expect(frDisclosure("ART14_SOURCE", "Oh ça c'est nos fichiers partenaires, je saurais pas vous dire exactement.")).toBe("missing");
    expect(frDisclosure("ART14_SOURCE", "Votre numéro vient de notre fichier partenaire Comparatel.")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 29", () => {
  it("'Marcus here with Bluepeak Outreach' names the caller", () => {
    const r = analyze(lines(["agent", "Hey Jordan, Marcus here with Northgate Calls, how's your day going?"], EN_PITCH), EN_SETTINGS);
    expect(status(r, "ID_CALLER")).toBe("present");
  });
  it("'calling to tell you about some online certificate programs' is a purpose", () => {
    expect(enDisclosure("ART14_PURPOSE", "This is a sales call, I'm calling to tell you about some online certificate programs that are enrolling right now.")).toBe("present");
  });
  it("'si vous ne souhaitez plus être démarché' next to the recording notice is about the calls, not the recording", () => {
    const sentence = "Je vous précise que l'appel est enregistré pour la qualité, et que vous pouvez vous inscrire gratuitement sur Bloctel si vous ne souhaitez plus être démarché.";
    expect(frDisclosure("REC_OBJECTION_RIGHT", sentence)).toBe("missing");
    expect(frDisclosure("REC_OBJECTION_RIGHT", "L'appel est enregistré, si vous ne le souhaitez pas dites-le moi.")).toBe("present");
  });
  it("answering 'c'est qui ?' with the offer's name names no caller", () => {
    const r = analyze(lines(["customer", "C'est qui ?"], ["agent", "Je vous appelle pour vous présenter l'offre Fibralis Sérénité."], FR_PITCH), { ...FR_SETTINGS, callCentres: [] });
    expect(status(r, "ID_CALLER")).toBe("missing");
  });
});

describe("wordings from the blind dev calls of round 31", () => {
  it("'Forge Fitness' is 'Forge Fitness Clubs'; 'one of the engineers with' names the caller", () => {
    const clubs = { ...EN_SETTINGS, brands: ["Forge Fitness Clubs"] };
    expect(status(analyze(lines(["agent", "I'm phoning from Northgate Calls on behalf of Forge Fitness."], EN_PITCH), clubs), "ART14_IDENTITY")).toBe("present");
    expect(enDisclosure("ID_CALLER", "Hiya, it's Callum, I'm one of the engineers with Northgate Calls.")).toBe("present");
    expect(enDisclosure("ID_CALLER", "Hiya, it's Callum, one of the engineers.")).toBe("missing");
  });
  it("'ringing round to talk to folk about' the brand's range is a purpose", () => {
    expect(enDisclosure("ART14_PURPOSE", "It's a sales call, we're ringing round to talk to folk about Brightwave's windows and doors.")).toBe("present");
    expect(enDisclosure("ART14_PURPOSE", "We're ringing round to check folk are happy with their windows.")).toBe("missing");
  });
  it("a right to object to our calls said beside Bloctel counts; one exercised through Bloctel does not", () => {
    expect(enDisclosure("ART21_OBJECTION_INFO", "You can register with Bloctel for free if you don't want sales calls, and you can object to us contacting you for marketing whenever you like.")).toBe("present");
    expect(enDisclosure("ART21_OBJECTION_INFO", "You can object to us calling you by registering with Bloctel.")).toBe("missing");
  });
  it("'if you'd prefer it isn't' and 'si vous préférez que non' let the customer refuse the recording", () => {
    expect(enDisclosure("REC_OBJECTION_RIGHT", "And the call's recorded, so if you'd prefer it isn't, just tell me.")).toBe("present");
    expect(frDisclosure("REC_OBJECTION_RIGHT", "Dernière chose, l'appel est enregistré ; si vous préférez que non, dites-le-moi.")).toBe("present");
    expect(frDisclosure("REC_OBJECTION_RIGHT", "Dernière chose, l'appel est enregistré.")).toBe("missing");
  });
  it("a box that records TV channels says nothing of the call's recording", () => {
    expect(frDisclosure("REC_NOTICE", "Le boîtier est tout petit, et surtout vous enregistrez deux chaînes pendant que vous en regardez une troisième.")).toBe("missing");
    expect(frDisclosure("REC_NOTICE", "Notre échange est enregistré ; un non de votre part et il sera effacé.")).toBe("present");
  });
  it("a district's energy check-up or census disguises the call", () => {
    expect(frDisclosure("COMMERCIAL_NATURE", "Je vous appelle dans le cadre du bilan énergétique des logements du secteur.")).toBe("violated");
    expect(frDisclosure("COMMERCIAL_NATURE", "C'est quelques questions, on recense les maisons qui consomment trop.")).toBe("violated");
    expect(frDisclosure("COMMERCIAL_NATURE", "C'est un appel commercial : on propose un bilan énergétique gratuit de votre maison.")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 32", () => {
  it("checking the first line of the address disguises nothing; checking the line does", () => {
    expect(enDisclosure("COMMERCIAL_NATURE", "Just before we go on, can I check the first line of your address and your postcode?")).toBe("missing");
    expect(enDisclosure("COMMERCIAL_NATURE", "I'm just calling to check your line and your connection.")).toBe("violated");
  });
  it("'you can tell us no to these calls any time' states the right to object; no to the recording does not", () => {
    expect(enDisclosure("ART21_OBJECTION_INFO", "And you can tell us no to these calls any time, and we'll no' phone you again.")).toBe("present");
    expect(enDisclosure("ART21_OBJECTION_INFO", "The call's recorded, but you can tell us no to the recording.")).toBe("missing");
  });
});

describe("wordings from the blind dev calls of round 34", () => {
  it("'every right not to get calls like this' and a right to object beside Bloctel state the right; one exercised by signing up to Bloctel does not", () => {
    expect(enDisclosure("ART21_OBJECTION_INFO", "And you've every right not to get calls like this.")).toBe("present");
    expect(frDisclosure("ART21_OBJECTION_INFO", "Et vous pouvez à tout moment vous opposer à ce qu'on vous démarche, ou vous inscrire gratuitement sur Bloctel.")).toBe("present");
    expect(frDisclosure("ART21_OBJECTION_INFO", "Vous pouvez vous opposer à ce qu'on vous démarche en vous inscrivant sur Bloctel.")).toBe("missing");
  });
  it("Bloctel's opt-out register next to the recording notice is no right to refuse the recording", () => {
    expect(enDisclosure("REC_OBJECTION_RIGHT", "The line's recorded, and before I forget, you can put your number on Bloctel, the French opt-out register, it's free.")).toBe("missing");
    expect(enDisclosure("REC_OBJECTION_RIGHT", "The line's recorded, but you can opt out of that if you like.")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 37", () => {
  it("'tell you about their double glazing offers' presents the offer; 'is it single or double glazed?' asks about needs", () => {
    const intro = (s: string) => analyze(lines(["agent", s], EN_PITCH), EN_SETTINGS).pitchOnset?.utteranceIndex;
    expect(intro("It's a sales call, I'd like to tell you about their double glazing offers, if you've got a couple of minutes.")).toBe(1);
    expect(intro("Are your windows single or double glazed at the moment?")).toBe(0);
  });
  it("booking an engineer to come and do a survey disguises nothing; a survey of habits does", () => {
    expect(enDisclosure("COMMERCIAL_NATURE", "Shall I get an engineer booked to come and do a survey?")).toBe("missing");
    expect(enDisclosure("COMMERCIAL_NATURE", "We're carrying out a short survey about people's habits.")).toBe("violated");
  });
  it("the right to refuse the recording said before 'refuser' is no right to object; 'nous dire de plus jamais vous appeler' beside Bloctel is", () => {
    expect(frDisclosure("ART21_OBJECTION_INFO", "Juste vous dire que l'appel est enregistré, pis si vous voulez pas, vous avez le droit de refuser, je le coupe.")).toBe("missing");
    expect(frDisclosure("ART21_OBJECTION_INFO", "Et vous pouvez nous dire de plus jamais vous appeler, ou bien vous inscrire sur Bloctel, c'est gratuit.")).toBe("present");
    expect(frDisclosure("ART21_OBJECTION_INFO", "Vous pouvez demander de plus jamais vous appeler en vous inscrivant sur Bloctel.")).toBe("missing");
  });
});

describe("wordings from the blind dev calls of round 38", () => {
  const KESTREL_EN = { ...EN_SETTINGS, brands: ["Kestrel TV Ltd"] };
  const KESTREL_FR = { ...FR_SETTINGS, brands: ["Kestrel TV SAS"] };
  it("the brand as where the number came from is not the brand calling", () => {
    const en = (s: string) => status(analyze(lines(["agent", s], EN_PITCH), KESTREL_EN), "ART14_IDENTITY");
    const fr = (s: string) => status(analyze(lines(["agent", s], FR_PITCH), KESTREL_FR), "ART14_IDENTITY");
    expect(en("Your number's from Kestrel TV's free-trial list, you signed up with them back in January.")).toBe("missing");
    expect(en("Hi, it's Priya from Kestrel TV, your number's on our free-trial list.")).toBe("present");
    expect(fr("Votre numéro vient de chez Kestrel, vous aviez testé l'essai gratuit.")).toBe("missing");
    expect(fr("Julie, de chez Kestrel, votre numéro vient de l'essai gratuit.")).toBe("present");
  });
  it("'I'll pop you on our do-not-call list right now' is no right to object; 'tell me right away' can be", () => {
    expect(enDisclosure("ART21_OBJECTION_INFO", "No worries at all, I'll pop you on our do-not-call list right now.")).toBe("missing");
    expect(enDisclosure("ART21_OBJECTION_INFO", "If you'd rather not get these calls, just tell me right away and we'll stop.")).toBe("present");
  });
  it("a source the agent would have to check is not given", () => {
    expect(enDisclosure("ART14_SOURCE", "Uh, it'd be from one of the comparison sites, I'd have to check which one.")).toBe("missing");
    expect(enDisclosure("ART14_SOURCE", "You left your number on a comparison site, SwitchSmart, last spring.")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 39", () => {
  const brand = (brands: string[], ...turns: Array<[Speaker, string]>) => status(analyze(lines(...turns, EN_PITCH), { ...EN_SETTINGS, brands }), "ART14_IDENTITY");
  it("'Is this Nimbus?' answered 'no', then 'yes, it's a sales call', does not name the brand; 'yes, on their behalf' does", () => {
    expect(brand(["Nimbus"], ["customer", "Is this Nimbus again?"], ["agent", "Hiya, no, I'm Aaron from Northgate Calls."], ["agent", "I'm calling about broadband offers, so yes, it's a sales call."])).toBe("missing");
    expect(brand(["Nimbus"], ["customer", "Is this Nimbus again?"], ["agent", "Yes, we're ringing on their behalf."])).toBe("present");
  });
  it("the brand heard in a product range, in the answer to 'who's this?', is not the caller", () => {
    expect(brand(["Heatflow"], ["customer", "yeah who's this"], ["agent", "i'm ringing to tell you about the heat flow aura range of heat pumps"])).toBe("missing");
    expect(brand(["Heatflow"], ["customer", "yeah who's this"], ["agent", "it's kelly ringing for heat flow"])).toBe("present");
  });
  it("named, then referred back to after a short aside in the next turn", () => {
    const named: [Speaker, string] = ["agent", "You might've seen Pawsure around, the pet insurance mob?"];
    expect(brand(["Pawsure"], named, ["customer", "Yeah, vaguely."], ["agent", "That's them. So they've asked us to ring folks on their behalf."])).toBe("present");
    expect(brand(["Pawsure"], named, ["customer", "Yeah, vaguely."], ["agent", "That's them, the ones with the dog ads every night on the telly. So they've asked us to ring folks on their behalf."])).toBe("missing");
  });
  it("'dans un but commercial, pour vous présenter les vins du domaine' states the purpose", () => {
    expect(frDisclosure("ART14_PURPOSE", "Je vous appelle dans un but commercial, pour vous présenter les vins du domaine.")).toBe("present");
    expect(frDisclosure("ART14_PURPOSE", "Je vous appelle dans un but commercial.")).toBe("missing");
  });
});

describe("wordings from the blind dev calls of round 40", () => {
  it("'they're who I'm ringing for' and 'c'est pour eux que je vous appelle' after the brand named as the customer's insurer", () => {
    const en = (reply: string) => status(analyze(lines(["agent", "So, you'd probably know Wayfarer Cover, the travel insurance mob?"], ["customer", "Yeah, heard of 'em."], ["agent", reply], EN_PITCH), { ...EN_SETTINGS, brands: ["Wayfarer Cover Insurance Group Pty Ltd"] }), "ART14_IDENTITY");
    expect(en("Well, they're who I'm ringing for today, we do their phone work.")).toBe("present");
    expect(en("Well, they're very popular these days.")).toBe("missing");
    const fr = (reply: string) => status(analyze(lines(["agent", "Je vois que votre chat est assuré chez Félinae depuis deux ans."], ["customer", "Oui, oui."], ["agent", reply], FR_PITCH), { ...FR_SETTINGS, brands: ["Félinae Assurances Mutuelles"] }), "ART14_IDENTITY");
    expect(fr("Bon, ben c'est pour eux que je vous appelle, hein.")).toBe("present");
    expect(fr("Bon, je vous appelle pour vous présenter nos offres.")).toBe("missing");
  });
  it("'we phone round for a few companies and today's one is Solenne'", () => {
    expect(status(analyze(lines(["agent", "Basically we phone round for a few companies and today's one is, erm, Solenne, the energy supplier."], EN_PITCH), { ...EN_SETTINGS, brands: ["Solenne Energy SA"] }), "ART14_IDENTITY")).toBe("present");
  });
  it("'ils m'ont demandé de présenter leurs pergolas' states the purpose; 'de présenter mes excuses' does not", () => {
    expect(frDisclosure("ART14_PURPOSE", "Ils m'ont demandé de présenter leurs pergolas aux propriétaires du coin.")).toBe("present");
    expect(frDisclosure("ART14_PURPOSE", "Ils m'ont demandé de présenter mes excuses pour l'appel d'hier.")).toBe("missing");
  });
  it("a partners' file the agent does not have in front of him is no source", () => {
    expect(frDisclosure("ART14_SOURCE", "C'est un fichier de partenaires, madame, je l'ai pas devant moi, là.")).toBe("missing");
    expect(frDisclosure("ART14_SOURCE", "C'est un fichier de partenaires, Comparatel, où vous aviez laissé votre numéro.")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 41", () => {
  it("'you've every right to tell us no to phone you for marketing' states the right to object; the right to say no to the recording does not", () => {
    expect(enDisclosure("ART21_OBJECTION_INFO", "youve every right to tell us no to phone you for marketing and well note it straight away")).toBe("present");
    expect(enDisclosure("ART21_OBJECTION_INFO", "you've every right to tell us no to the recording")).toBe("missing");
  });
  it("'au nom d'Électra Verde, le fournisseur' is no data source; 'fournies par Comparatel' is", () => {
    expect(frDisclosure("ART14_SOURCE", "J'vous appelle au nom d'Électra Verde, le fournisseur d'électricité verte.")).toBe("missing");
    expect(frDisclosure("ART14_SOURCE", "Vos coordonnées nous ont été fournies par Comparatel.")).toBe("present");
  });
});

describe("wordings from the blind dev calls of round 42", () => {
  const en = (brands: string[], ...turns: Array<[Speaker, string]>) => analyze(lines(...turns, EN_PITCH), { ...EN_SETTINGS, brands });
  it("'You might've heard of PawsGuard? Well, it's them we're ringing for'; not 'it's them we're up against'", () => {
    expect(status(en(["PawsGuard"], ["agent", "You might've heard of PawsGuard, the pet insurance crowd? Well, it's them we're ringing for today."]), "ART14_IDENTITY")).toBe("present");
    expect(status(en(["PawsGuard"], ["agent", "You might've heard of PawsGuard, the pet insurance crowd? Well, it's them we're up against."]), "ART14_IDENTITY")).toBe("missing");
  });
  it("memberships at the brand are its product; an adviser at the brand is the brand calling", () => {
    expect(status(en(["PeakForm"], ["agent", "It's a sales call, I'm calling to tell you about memberships at PeakForm."]), "ART14_IDENTITY")).toBe("missing");
    expect(status(en(["PeakForm"], ["agent", "I'm Dana, an adviser at PeakForm."]), "ART14_IDENTITY")).toBe("present");
  });
  it("'I'll get you taken off the call list' in reply to 'stop calling me' honours it and states no right", () => {
    expect(status(en(EN_SETTINGS.brands!, ["customer", "Stop calling me."], ["agent", "Oh, I'm sorry about that, I'll get you taken off the call list today."]), "ART21_OBJECTION_INFO")).toBe("missing");
    expect(status(en(EN_SETTINGS.brands!, ["agent", "If you'd rather not hear from us, just say and I'll take you off the call list."]), "ART21_OBJECTION_INFO")).toBe("present");
  });
  it("'before I let you go' is no purpose", () => {
    expect(enDisclosure("ART14_PURPOSE", "Before I let you go though, you're eligible for one gig fiber for the same price.")).toBe("missing");
    expect(enDisclosure("ART14_PURPOSE", "I'm calling to walk you through our broadband deals.")).toBe("present");
  });
});
