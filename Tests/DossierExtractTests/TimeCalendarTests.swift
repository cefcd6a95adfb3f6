import DossierCore
import Testing

@testable import DossierExtract

/// Calendar arithmetic that every resolved date rests on.
struct TimeCalendarTests {
    @Test func dayNumbersRoundTrip() {
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(Day(dayNumber: n).dayNumber == n)
        }
        #expect(Day(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(Day(year: 2024, month: 3, day: 1).dayNumber - Day(year: 2024, month: 2, day: 28).dayNumber == 2)
    }

    @Test func weekdays() {
        #expect(Day(year: 2024, month: 11, day: 12).weekday == 2)  // a Tuesday
        #expect(Day(year: 1969, month: 12, day: 31).weekday == 3)
        #expect(Day(year: 2024, month: 11, day: 17).weekStart == Day(year: 2024, month: 11, day: 11))
    }

    @Test func monthsClampTheirDay() {
        #expect(Day(year: 2024, month: 1, day: 31).adding(months: 1) == Day(year: 2024, month: 2, day: 29))
        #expect(Day(year: 2024, month: 1, day: 15).adding(months: -1) == Day(year: 2023, month: 12, day: 15))
    }

    @Test func nearestOccurrenceWithoutCue() {
        let r = TimeResolver(published: Day(year: 2024, month: 11, day: 12))
        #expect(r.resolve(.dayMonth(month: 1, day: 20), lean: .nearest) == .day(Day(year: 2025, month: 1, day: 20)))
        #expect(r.resolve(.dayMonth(month: 9, day: 1), lean: .nearest) == .day(Day(year: 2024, month: 9, day: 1)))
        #expect(r.resolve(.dayMonth(month: 1, day: 20), lean: .past) == .day(Day(year: 2024, month: 1, day: 20)))
    }
}
