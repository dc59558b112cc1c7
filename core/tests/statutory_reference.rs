//! The lunisolar dates and the statutory holidays against published data:
//! - every lunisolar date 1900–2100 against an astronomical computation (tests/reference/lunisolar-1900-2100.json,
//!   lunar-python; 清明 also ephem);
//! - every statutory day 2001–2026, by the law version in force, inside a rest range the State Council
//!   actually published for that festival (tests/reference/published-schedules.json; README there).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;
use tuiyi_core::calendar::{lunar, statutory_holidays, LawVersion};

fn reference(name: &str) -> Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/reference")
        .join(name);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()));
    serde_json::from_str(&text).expect("reference JSON")
}

fn date(v: &Value) -> NaiveDate {
    NaiveDate::parse_from_str(v.as_str().expect("date string"), "%Y-%m-%d").expect("date")
}

#[test]
fn lunisolar_dates_1900_to_2100() {
    let r = reference("lunisolar-1900-2100.json");
    let years = r["years"].as_object().expect("years");
    assert_eq!(years.len(), 201);
    for (y, v) in years {
        let y: i32 = y.parse().expect("year");
        let got = [
            ("new_year", lunar::new_year(y)),
            ("chuxi", lunar::chuxi(y)),
            ("duanwu", lunar::duanwu(y)),
            ("zhongqiu", lunar::zhongqiu(y)),
            ("qingming", lunar::qingming(y)),
        ];
        for (k, g) in got {
            assert_eq!(g, Some(date(&v[k])), "{y} {k}");
        }
        assert_eq!(
            u64::from(lunar::LUNAR_INFO[(y - 1900) as usize] & 0xF),
            v["leap_month"].as_u64().unwrap(),
            "{y} leap month"
        );
    }
}

/// (festival item name, rest runs, make-up days) of one published year.
type Items = Vec<(String, Vec<(NaiveDate, NaiveDate)>, Vec<NaiveDate>)>;

fn published() -> BTreeMap<i32, Items> {
    let r = reference("published-schedules.json");
    let mut out = BTreeMap::new();
    for (y, v) in r["years"].as_object().expect("years") {
        let items = v["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|it| {
                let runs = it["rest"]
                    .as_array()
                    .expect("rest")
                    .iter()
                    .map(|r| (date(&r[0]), date(&r[1])))
                    .collect();
                let makeup = it["makeup_workdays"]
                    .as_array()
                    .expect("makeup")
                    .iter()
                    .map(date)
                    .collect();
                (it["name"].as_str().expect("name").to_string(), runs, makeup)
            })
            .collect();
        out.insert(y.parse().expect("year"), items);
    }
    out
}

/// Check one year's statutory days; returns (checked, festivals with no published item).
fn check_year(
    year: i32,
    items: &Items,
    days: &[(NaiveDate, &'static str)],
) -> Result<(usize, Vec<&'static str>), String> {
    let mut checked = 0;
    let mut unpublished = Vec::new();
    for (d, fest) in days {
        let mine: Vec<_> = items
            .iter()
            .filter(|(name, _, _)| name.split('、').any(|n| n == *fest))
            .collect();
        if mine.is_empty() {
            if !unpublished.contains(fest) {
                unpublished.push(*fest);
            }
            continue;
        }
        if !mine
            .iter()
            .any(|(_, runs, _)| runs.iter().any(|(a, b)| a <= d && d <= b))
        {
            return Err(format!(
                "{year}: statutory {fest} {d} outside the published rest range(s) {:?}",
                mine.iter().map(|m| &m.1).collect::<Vec<_>>()
            ));
        }
        if items.iter().any(|(_, _, mk)| mk.contains(d)) {
            return Err(format!(
                "{year}: statutory {fest} {d} is a published make-up working day"
            ));
        }
        checked += 1;
    }
    Ok((checked, unpublished))
}

fn statutory(year: i32) -> Vec<(NaiveDate, &'static str)> {
    statutory_holidays(year)
        .expect("statutory days")
        .into_iter()
        .map(|s| (s.date.0, s.festival))
        .collect()
}

#[test]
fn statutory_days_inside_the_published_rest_ranges_2001_to_2026() {
    let pubd = published();
    let mut report = Vec::new();
    let mut total = 0;
    for year in 2000..=2026 {
        let Some(items) = pubd.get(&year) else {
            report.push(format!("{year}: no published schedule found"));
            continue;
        };
        let (n, unpublished) =
            check_year(year, items, &statutory(year)).unwrap_or_else(|e| panic!("{e}"));
        total += n;
        if !unpublished.is_empty() {
            report.push(format!(
                "{year}: not published here: {}",
                unpublished.join("、")
            ));
        }
    }
    // What the data covers (tests/reference/README.md): 2004–2026 complete; 2001 春节/劳动节/国庆节;
    // 2002 劳动节/国庆节; 2003 劳动节; 2000 nothing.
    assert_eq!(
        report,
        [
            "2000: no published schedule found",
            "2001: not published here: 元旦",
            "2002: not published here: 元旦、春节",
            "2003: not published here: 元旦、春节、国庆节",
        ]
    );
    // 2004–2007: 10 a year; 2008–2024: 11; 2025–2026: 13; 2001: 9; 2002: 6; 2003: 3.
    assert_eq!(total, 4 * 10 + 17 * 11 + 2 * 13 + 9 + 6 + 3);
}

#[test]
fn the_law_versions_are_distinguishable_by_the_published_schedules() {
    // Putting 除夕 into 春节 (the 2007 version's rule) fails under the 2013 version's years: 2014's 除夕
    // (01-30) was a working day. And leaving 除夕 out would not be caught for 2025/2026 by range containment
    // alone, so check directly that 除夕 is a published rest day in 2025 and 2026, and 2008–2013.
    let pubd = published();
    let with_chuxi = |y: i32| {
        let mut days = statutory(y);
        days.push((lunar::chuxi(y).unwrap(), "春节"));
        days
    };
    assert!(check_year(2014, &pubd[&2014], &with_chuxi(2014)).is_err());
    for y in (2008..=2013).chain(2025..=2026) {
        assert!(
            matches!(
                LawVersion::for_year(y),
                Some(LawVersion::V2007 | LawVersion::V2024)
            ),
            "{y}"
        );
        assert!(
            statutory(y).contains(&(lunar::chuxi(y).unwrap(), "春节")),
            "{y}: 除夕 is statutory"
        );
        assert!(check_year(y, &pubd[&y], &with_chuxi(y)).is_ok(), "{y}");
    }
    // 劳动节 5月2日 (2024 version) is not a 2013-version day: 2017-05-02 (Tuesday) was worked.
    let may2 = |y: i32| (NaiveDate::from_ymd_opt(y, 5, 2).unwrap(), "劳动节");
    let mut d2017 = statutory(2017);
    d2017.push(may2(2017));
    assert!(
        check_year(2017, &pubd[&2017], &d2017).is_err(),
        "2017-05-02 (Tue) was worked"
    );
}
