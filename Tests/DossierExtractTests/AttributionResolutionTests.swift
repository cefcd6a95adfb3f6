import DossierCore
import DossierText
import Testing
@testable import DossierExtract

/// Source resolution with hand-built entity mentions, as the entity recognizer would
/// give them: names, outlets, pronouns, descriptions, unnamed sources, channels.
@Suite struct AttributionResolutionTests {
    /// A mention for the first occurrence of `name` in `text` (normalised offsets).
    static func mention(_ name: String, in text: String, _ type: EntityType, canonical: String? = nil,
                        media: Bool? = nil) -> EntityMention {
        let scalars = Array(text.unicodeScalars), needle = Array(name.unicodeScalars)
        var start = 0
        while start + needle.count <= scalars.count, Array(scalars[start..<(start + needle.count)]) != needle { start += 1 }
        return EntityMention(span: Span(start, start + needle.count), text: name, type: type,
                             canonical: canonical, isMedia: media)
    }

    static func run(_ text: String, _ language: Language, _ entities: [EntityMention]) -> [Attribution] {
        AttributionExtractor().attributions(in: AnalyzedText(text, language: language), entities: entities)
    }

    @Test func entityGivesCanonicalAndDescriptionResolvesLater() {
        let text = "Le conflit durera, selon l'historien Marc Bloch. L'historien ajoute que la paix est loin."
        let found = Self.run(text, .french, [Self.mention("Marc Bloch", in: text, .person, canonical: "Marc Bloch (historian)")])
        #expect(found.count == 2)
        #expect(found.map(\.sourceCanonical) == ["Marc Bloch (historian)", "Marc Bloch (historian)"])
        #expect(found.allSatisfy { $0.sourceKind == .person })
    }

    @Test func appositionAfterNameIsRegistered() {
        let text = "Anna Weber, porte-parole de la Commission, était présente. La porte-parole a indiqué que le texte serait retiré."
        let found = Self.run(text, .french, [Self.mention("Anna Weber", in: text, .person)])
        #expect(found.count == 1)
        #expect(found.first?.sourceCanonical == "Anna Weber")
    }

    @Test func organisationInComplementIsNotTheSource() {
        let text = "Le directeur de la société Total a précisé que l'usine restait ouverte."
        let found = Self.run(text, .french, [Self.mention("Total", in: text, .organisation)])
        #expect(found.count == 1)
        #expect(found.first?.sourceKind == .person || found.first?.sourceCanonical == nil)
        #expect(found.first?.sourceCanonical != "Total")
    }

    @Test func outletEntityIsOutlet() {
        let text = "The troops have left the city, the New York Times reported."
        let found = Self.run(text, .english, [Self.mention("New York Times", in: text, .organisation,
                                                           canonical: "The New York Times", media: true)])
        #expect(found.count == 1)
        #expect(found.first?.sourceKind == .outlet)
        #expect(found.first?.sourceCanonical == "The New York Times")
    }

    @Test func pronounTakesLastPersonSource() {
        let text = "Minister Jane Hill said taxes would fall. She added that spending would rise."
        let found = Self.run(text, .english, [Self.mention("Jane Hill", in: text, .person)])
        #expect(found.count == 2)
        #expect(found.last?.source?.text == "She")
        #expect(found.last?.sourceCanonical == "Jane Hill")
    }

    @Test func pluralPronounTakesPluralSource() {
        let text = "Des responsables américains ont affirmé que l'attaque était imminente. Selon eux, la date est fixée."
        let found = Self.run(text, .french, [])
        #expect(found.count == 2)
        #expect(found.last?.sourceCanonical == "unnamed officials")
        #expect(found.last?.sourceKind == .anonymous)
        #expect(found.last?.sourcePlural == true)
    }

    @Test func anonymousSectorsComeFromData() {
        let fr = Self.run("Un diplomate européen a confié que l'accord était prêt.", .french, [])
        #expect(fr.first?.sourceSector == "diplomatic")
        #expect(fr.first?.sourceCanonical == "unnamed diplomats")
        #expect(fr.first?.sourcePlural == false)
        let en = Self.run("Two U.S. intelligence officials said the missile was Iranian.", .english, [])
        #expect(en.first?.sourceSector == "intelligence")
        #expect(en.first?.sourceCanonical == "unnamed intelligence officials")
        #expect(en.first?.sourcePlural == true)
    }

    @Test func channelIsRecorded() {
        let text = "Le ministre, cité par l'agence Tass, a affirmé que les troupes se retiraient."
        let found = Self.run(text, .french, [Self.mention("Tass", in: text, .organisation, media: true)])
        #expect(found.count == 1)
        #expect(found.first?.source?.text == "Le ministre")
        #expect(found.first?.channel?.text == "l'agence Tass")
        #expect(found.first?.channelCanonical == "Tass")
        let en = Self.run("The minister told Reuters that the troops were leaving.", .english, [])
        #expect(en.first?.channel?.text == "Reuters")
    }

    @Test func firstPersonInsideQuotesIsNotResolved() {
        let found = Self.run("« Je pense que nous gagnerons », a déclaré Paul Durand.", .french, [])
        #expect(found.count == 1)
        #expect(found.first?.sourceCanonical == "Paul Durand")
        #expect(found.first?.kind == .direct)
    }

    @Test func mixedQuoteIsMixed() {
        let found = Self.run("Le général explique que l'armée « ne reculera pas » cet hiver.", .french, [])
        #expect(found.first?.kind == .mixed)
        #expect(found.first?.content.text == "l'armée « ne reculera pas » cet hiver")
    }
}

/// The conjugators generate the forms the resource files do not list.
@Suite struct ConjugatorTests {
    @Test func frenchRegular() {
        let forms = Set(FrenchConjugator.forms(["considérer"]).map(\.text))
        for f in ["considère", "considèrent", "considéré", "considérait", "considéra", "considérèrent", "considérerait"] {
            #expect(forms.contains(f), "\(f)")
        }
        let soft = Set(FrenchConjugator.forms(["annoncer"]).map(\.text))
        #expect(soft.contains("annonçait") && soft.contains("annonça") && soft.contains("annonce"))
        let g = Set(FrenchConjugator.forms(["juger"]).map(\.text))
        #expect(g.contains("jugeait") && g.contains("jugea"))
    }

    @Test func frenchIrregularPartsOverride() {
        let forms = Set(FrenchConjugator.forms(["dire", "dit", "disent", "dit", "dis", "dit", "dirent", "dir"]).map(\.text))
        #expect(forms.isSuperset(of: ["dit", "disent", "disait", "dirent", "dirait", "dite"]))
    }

    @Test func english() {
        let deny = Set(EnglishConjugator.forms(["deny"]).map(\.text))
        #expect(deny == ["deny", "denies", "denied", "denying"])
        let stress = Set(EnglishConjugator.forms(["stress"]).map(\.text))
        #expect(stress.contains("stresses") && stress.contains("stressed"))
        let note = Set(EnglishConjugator.forms(["note"]).map(\.text))
        #expect(note.contains("noted") && note.contains("notes"))
    }
}
