//! Shipped holiday data: public holidays and make-up working days, copied from the State Council
//! General Office's annual notices on holiday arrangements.
//!
//! - 2025: Notice on Holiday Arrangements for 2025, Guobanfa Mingdian [2024] No. 12, issued
//!   2024-11-12 (published by Xinhua, e.g. https://m.gmw.cn/2024-11/12/content_1303894933.htm).
//!   It applies the revised National Holidays Measures (November 2024), which added one day each
//!   to the Spring Festival and Labour Day.
//! - 2026: Notice on Holiday Arrangements for 2026, Guobanfa Mingdian [2025] No. 7, issued
//!   2025-11-04 (https://politics.gmw.cn/2025-11/04/content_38391083.htm).
//!
//! Later years arrive as directory events (`calendar.day_set`), not as code changes; a new build
//! may add a year here once its notice is out.

use super::calendar::DayKind;
use super::time::Date;

/// A (month, day) of the year the notice is for.
pub type MonthDay = (u8, u8);

/// One year's arrangement as published: holiday breaks (first and last day, inclusive) and
/// make-up working days, as (month, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShippedYear {
    /// The year.
    pub year: i32,
    /// Holiday breaks, inclusive.
    pub breaks: &'static [(MonthDay, MonthDay)],
    /// Make-up working days.
    pub workdays: &'static [MonthDay],
}

impl ShippedYear {
    /// Every entry of the year.
    pub fn days(&self) -> Vec<(Date, DayKind)> {
        let mut days = Vec::new();
        for ((m1, d1), (m2, d2)) in self.breaks {
            let (Some(mut day), Some(last)) = (
                Date::from_ymd(self.year, *m1, *d1),
                Date::from_ymd(self.year, *m2, *d2),
            ) else {
                continue;
            };
            while day <= last {
                days.push((day, DayKind::Holiday));
                let Some(next) = day.add_days(1) else { break };
                day = next;
            }
        }
        for (m, d) in self.workdays {
            if let Some(day) = Date::from_ymd(self.year, *m, *d) {
                days.push((day, DayKind::MakeUpWorkday));
            }
        }
        days
    }
}

/// The years shipped with this build.
pub const SHIPPED: [ShippedYear; 2] = [
    ShippedYear {
        year: 2025,
        breaks: &[
            // New Year's Day, one day, no make-up day.
            ((1, 1), (1, 1)),
            // Spring Festival, New Year's Eve to the 7th day of the first lunar month.
            ((1, 28), (2, 4)),
            // Qingming.
            ((4, 4), (4, 6)),
            // Labour Day.
            ((5, 1), (5, 5)),
            // Dragon Boat Festival.
            ((5, 31), (6, 2)),
            // National Day with the Mid-Autumn Festival.
            ((10, 1), (10, 8)),
        ],
        workdays: &[(1, 26), (2, 8), (4, 27), (9, 28), (10, 11)],
    },
    ShippedYear {
        year: 2026,
        breaks: &[
            // New Year's Day.
            ((1, 1), (1, 3)),
            // Spring Festival, the 28th day of the 12th lunar month to the 7th of the first.
            ((2, 15), (2, 23)),
            // Qingming.
            ((4, 4), (4, 6)),
            // Labour Day.
            ((5, 1), (5, 5)),
            // Dragon Boat Festival.
            ((6, 19), (6, 21)),
            // Mid-Autumn Festival.
            ((9, 25), (9, 27)),
            // National Day.
            ((10, 1), (10, 7)),
        ],
        workdays: &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)],
    },
];
