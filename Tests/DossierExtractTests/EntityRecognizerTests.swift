import DossierCore
import DossierExtract
import DossierText
import Testing

@Suite("Entity recogniser")
struct EntityRecognizerTests {
    func mentions(_ text: String, _ language: Language) -> [(EntityMention, String)] {
        let analyzed = AnalyzedText(text, language: language)
        return EntityRecognizer().mentions(in: analyzed).map { ($0, analyzed.string($0.span)) }
    }

    @Test("spans cover the name only, in original offsets through the pipeline")
    func spansInOriginalText() {
        // Curly quotes and a narrow no-break space are normalised; offsets must still
        // point into the text as received.
        let text = "Comme le rapporte le “New York Times”,\u{202F}Vladimir Poutine est pressé."
        let extraction = Pipeline().extract(Document(text: text, language: .french))
        let scalars = Array(text.unicodeScalars)
        func slice(_ m: EntityMention) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[m.start..<m.end])
            return String(v)
        }
        let nyt = extraction.entities.first { $0.canonical == "The New York Times" }
        #expect(nyt.map(slice) == "New York Times")
        #expect(nyt?.isMedia == true)
        #expect(nyt?.entityId == "med:nyt")
        let putin = extraction.entities.first { $0.type == .person }
        #expect(putin.map(slice) == "Vladimir Poutine")
        #expect(putin?.canonical == "Vladimir Putin")
        #expect(putin?.origin == "kb")
    }

    @Test("sentence-initial function words and common words do not fire")
    func noOverFiring() {
        let fr = mentions("""
            Toutefois, les négociateurs restent prudents. Ces dernières semaines, rien n'a bougé. \
            Selon eux, Pour autant que l'on sache, Aucun accord n'est proche. Mardi, Il pleuvait.
            """, .french)
        #expect(fr.isEmpty, "\(fr.map(\.1))")
        let en = mentions("""
            However, the talks stalled. These weeks were hard. According to them, Nothing moved. \
            On Monday, I said it would be fine in January. The deal was nice.
            """, .english)
        #expect(en.isEmpty, "\(en.map(\.1))")
    }

    @Test("nationalities are NORP with their country, never places")
    func nationalities() {
        let found = mentions("Les forces ukrainiennes et les Américains ont rencontré des Britanniques.", .french)
        #expect(found.allSatisfy { $0.0.type == .nationality })
        #expect(found.map(\.0.country) == ["Ukraine", "United States", "United Kingdom"])
    }

    @Test("a region cue picks the region over the same-named city")
    func regionCue() {
        let found = mentions("Les combats se poursuivent dans la région de Donetsk, loin de Donetsk.", .french)
        #expect(found.map(\.0.canonical) == ["Donetsk Oblast", "Donetsk Oblast"])
        let city = mentions("Des explosions ont secoué Donetsk.", .french)
        #expect(city.map(\.0.canonical) == ["Donetsk"])
    }

    @Test("a capital after a locative is a place, as a subject it is a government")
    func metonymy() {
        let subject = mentions("Pékin a averti Washington.", .french)
        #expect(subject.map(\.0.role) == ["Government of China", "Government of the United States"])
        let place = mentions("Il vit à Pékin depuis 2010.", .french)
        #expect(place.map(\.0.role) == [nil])
        let english = mentions("Reporters in Beijing said Beijing had warned London.", .english)
        #expect(english.map(\.0.role) == [nil, "Government of China", "Government of the United Kingdom"])
    }

    @Test("an unknown person named in full is resolved when only the surname recurs")
    func inDocumentResolution() {
        let found = mentions("""
            Le chercheur Ivan Petrenko a publié une étude. Selon Petrenko, le front est stable. \
            Ivan Petrenko rappelle que rien n'est joué.
            """, .french)
        #expect(found.map(\.1) == ["Ivan Petrenko", "Petrenko", "Ivan Petrenko"])
        #expect(found.allSatisfy { $0.0.type == .person && $0.0.canonical == "Ivan Petrenko" })
    }
}
