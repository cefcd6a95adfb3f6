/// What a generated verb form is, as far as attribution and hedging care: the tense says
/// whether a following conditional can be a future-in-the-past, `plural` whether the
/// subject is several people.
public enum VerbTense: Sendable, Hashable {
    case present, imperfect, simplePast, future, conditional, participle, base, gerund
}

/// One inflected form of a lemma.
public struct VerbForm: Sendable, Hashable {
    public var text: String
    public var lemma: String
    public var tense: VerbTense
    public var plural: Bool
}

/// Generates the third-person forms of French verbs from a lemma, so the resource files
/// list lemmas rather than every inflection. Regular -er verbs need nothing else; other
/// verbs give their principal parts in the row, and any given part overrides the rule.
///
/// Row: lemma, 3sg present, 3pl present, participle, imperfect stem, simple past 3sg,
/// simple past 3pl, future stem (empty = generate).
public enum FrenchConjugator {
    public static func forms(_ row: [String]) -> [VerbForm] {
        guard let lemma = row.first?.lowercased(), !lemma.isEmpty else { return [] }
        func given(_ i: Int) -> String? {
            i < row.count && !row[i].isEmpty ? row[i].lowercased() : nil
        }
        let isER = lemma.hasSuffix("er")
        let stem = isER ? String(lemma.dropLast(2)) : lemma
        // Soft stems keep their sound before a/o: "jugeait", "annonçait".
        let softStem: String = {
            if stem.hasSuffix("g") { return stem + "e" }
            if stem.hasSuffix("c") { return String(stem.dropLast()) + "ç" }
            return stem
        }()
        let present3sg = given(1) ?? (isER ? accentGrave(stem) + "e" : lemma)
        let present3pl = given(2) ?? (isER ? present3sg + "nt" : lemma)
        let participle = given(3) ?? (isER ? stem + "é" : lemma)
        let imperfectStem = given(4) ?? (isER ? softStem : stem)
        let past3sg = given(5) ?? (isER ? softStem + "a" : lemma)
        let past3pl = given(6) ?? (isER ? stem + "èrent" : lemma)
        let futureStem = given(7) ?? lemma
        var out: [VerbForm] = [
            VerbForm(text: present3sg, lemma: lemma, tense: .present, plural: false),
            VerbForm(text: present3pl, lemma: lemma, tense: .present, plural: true),
            VerbForm(text: imperfectStem + "ait", lemma: lemma, tense: .imperfect, plural: false),
            VerbForm(text: imperfectStem + "aient", lemma: lemma, tense: .imperfect, plural: true),
            VerbForm(text: past3sg, lemma: lemma, tense: .simplePast, plural: false),
            VerbForm(text: past3pl, lemma: lemma, tense: .simplePast, plural: true),
            VerbForm(text: futureStem + "a", lemma: lemma, tense: .future, plural: false),
            VerbForm(text: futureStem + "ont", lemma: lemma, tense: .future, plural: true),
            VerbForm(text: futureStem + "ait", lemma: lemma, tense: .conditional, plural: false),
            VerbForm(text: futureStem + "aient", lemma: lemma, tense: .conditional, plural: true),
            VerbForm(text: imperfectStem + "ant", lemma: lemma, tense: .gerund, plural: false),
        ]
        for suffix in ["", "e", "s", "es"] {
            // "Elle a affirmé", but "elles se sont dites": agreement adds e/s.
            let p = participle.hasSuffix("s") && suffix.hasPrefix("s") ? participle : participle + suffix
            out.append(VerbForm(text: p, lemma: lemma, tense: .participle, plural: suffix.hasSuffix("s")))
        }
        return out
    }

    /// "considér" → "considèr", "révél" → "révèl": the é of the last syllable opens
    /// before a silent ending.
    static func accentGrave(_ stem: String) -> String {
        var scalars = Array(stem.unicodeScalars)
        var i = scalars.count - 1
        while i >= 0, !isVowel(scalars[i]) { i -= 1 }
        if i >= 0, scalars[i] == "é", i < scalars.count - 1 { scalars[i] = "è" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private static func isVowel(_ c: Unicode.Scalar) -> Bool {
        "aeiouyéèêëàâîïôûù".unicodeScalars.contains(c)
    }
}

/// Generates English forms from a lemma: "-s" and "-ed" by the spelling rules, with
/// irregular forms given in the row (lemma, 3sg, past, participle); "-ing" is generated.
public enum EnglishConjugator {
    public static func forms(_ row: [String]) -> [VerbForm] {
        guard let lemma = row.first?.lowercased(), !lemma.isEmpty else { return [] }
        func given(_ i: Int) -> String? {
            i < row.count && !row[i].isEmpty ? row[i].lowercased() : nil
        }
        let scalars = Array(lemma.unicodeScalars)
        let last = scalars.last!
        let beforeLast = scalars.count > 1 ? scalars[scalars.count - 2] : " "
        let consonantY = last == "y" && !"aeiou".unicodeScalars.contains(beforeLast)
        let stemY = consonantY ? String(lemma.dropLast()) + "i" : lemma
        let third = given(1) ?? {
            if consonantY { return stemY + "es" }
            if ["s", "x", "z"].contains(last) || lemma.hasSuffix("ch") || lemma.hasSuffix("sh") { return lemma + "es" }
            return lemma + "s"
        }()
        let past = given(2) ?? (last == "e" ? lemma + "d" : stemY + "ed")
        let participle = given(3) ?? past
        var out = [
            VerbForm(text: third, lemma: lemma, tense: .present, plural: false),
            VerbForm(text: lemma, lemma: lemma, tense: .base, plural: true),
            VerbForm(text: past, lemma: lemma, tense: .simplePast, plural: false),
        ]
        out.append(VerbForm(text: participle, lemma: lemma, tense: .participle, plural: false))
        let gerund = lemma.hasSuffix("e") && !lemma.hasSuffix("ee") ? String(lemma.dropLast()) + "ing" : lemma + "ing"
        out.append(VerbForm(text: gerund, lemma: lemma, tense: .gerund, plural: false))
        return out
    }
}
