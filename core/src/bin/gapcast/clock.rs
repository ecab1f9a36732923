//! The command line's clock. The core has no clock (its results depend only on
//! what it is given), so the binary supplies "now" wherever a command needs a
//! current year and `--current-year` does not give one.

/// The calendar year now (UTC), from the system clock.
pub fn this_year() -> i32 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    year_of_day(secs.div_euclid(86_400))
}

/// The proleptic Gregorian year of a day counted from 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn year_of_day(days: i64) -> i32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2)) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_from_days() {
        for (days, year) in
            [(0, 1970), (-1, 1969), (365, 1971), (20_453, 2025), (20_454, 2026), (20_819, 2027), (11_016, 2000)]
        {
            assert_eq!(year_of_day(days), year, "day {days}");
        }
    }
}
