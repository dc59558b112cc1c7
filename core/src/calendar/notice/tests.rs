use super::*;

fn d(s: &str) -> NaiveDate {
    crate::date::parse_date(s).unwrap()
}

#[test]
fn numbers_and_dates() {
    assert_eq!(number_of("二〇二五"), Some(2025));
    assert_eq!(number_of("十"), Some(10));
    assert_eq!(number_of("十四"), Some(14));
    assert_eq!(number_of("二十八"), Some(28));
    assert_eq!(number_of("三十"), Some(30));
    assert_eq!(number_of("2025"), Some(2025));
    assert_eq!(number_of("二十八九"), None);
    assert_eq!(number_of(""), None);
    assert_eq!(signature_date("2025年11月4日"), Date::from_ymd(2025, 11, 4));
    assert_eq!(
        signature_date("二〇〇六年十二月十四日"),
        Date::from_ymd(2006, 12, 14)
    );
    assert_eq!(signature_date("2025年11月4日电"), None);
    assert_eq!(
        find_number("国办发明电〔2025〕7号").as_deref(),
        Some("国办发明电〔2025〕7号")
    );
    assert_eq!(
        find_number("（国办发明电[2018]15号）").as_deref(),
        Some("国办发明电〔2018〕15号")
    );
    assert_eq!(find_number("国办发明电〔2025〕号"), None);
    assert_eq!(
        find_year("国务院办公厅关于2025年部分节假日安排的通知"),
        Some(2025)
    );
    assert_eq!(find_year("现将2026年元旦、春节"), Some(2026));
    assert_eq!(find_year("关于修改〈全国年节及纪念日放假办法〉"), None);
    assert_eq!(lunar_day("除夕"), Some(LunarDay::Chuxi));
    assert_eq!(lunar_day("正月初七"), Some(LunarDay::MonthDay(1, 7)));
    assert_eq!(lunar_day("腊月二十八"), Some(LunarDay::MonthDay(12, 28)));
    assert_eq!(lunar_day("八月十五"), Some(LunarDay::MonthDay(8, 15)));
    assert_eq!(lunar_day("大年初一"), None);
    assert!(lunar_matches(d("2026-02-15"), LunarDay::MonthDay(12, 28)));
    assert!(lunar_matches(d("2026-02-23"), LunarDay::MonthDay(1, 7)));
    assert!(lunar_matches(d("2025-01-28"), LunarDay::Chuxi));
    assert!(!lunar_matches(d("2025-01-29"), LunarDay::Chuxi));
}

fn one(year: i32, body: &str) -> Result<Festival> {
    let line = normalize(&format!("一、元旦：{body}"));
    item(year, 1, &line).map(|f| f.expect("an item line"))
}

#[test]
fn item_forms() {
    let f = one(2026, "2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。").unwrap();
    assert_eq!(
        (f.rest.from.0, f.rest.to.0, f.days),
        (d("2026-02-15"), d("2026-02-23"), Some(9))
    );
    assert_eq!(
        f.makeup_workdays,
        [Date(d("2026-02-14")), Date(d("2026-02-28"))]
    );
    let f = one(
        2019,
        "2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。",
    )
    .unwrap();
    assert_eq!(
        (f.rest.from.0, f.rest.to.0),
        (d("2018-12-30"), d("2019-01-01"))
    );
    assert_eq!(f.makeup_workdays, [Date(d("2018-12-29"))]);
    let f = one(2017, "1月1日放假，1月2日（星期一）补休。").unwrap();
    assert_eq!(
        (f.rest.from.0, f.rest.to.0, f.days),
        (d("2017-01-01"), d("2017-01-02"), None)
    );
    let f = one(2025, "1月1日（周三）放假1天，不调休。").unwrap();
    assert_eq!((f.rest.to.0, f.days), (d("2025-01-01"), Some(1)));
    let f = one(2011, "4月30日至5月2日放假公休，共3天。").unwrap();
    assert_eq!(
        (f.rest.from.0, f.rest.to.0),
        (d("2011-04-30"), d("2011-05-02"))
    );
    // Half-width punctuation, spaces.
    let f = one(
        2013,
        "1月1日至3日放假调休, 共3天。1月5日(星期六)、1月6日(星期日)上班。",
    )
    .unwrap();
    assert_eq!(f.makeup_workdays.len(), 2);
    // A makeup day before the range's month is in the same year (2025 春节, 国庆).
    let f = one(
        2025,
        "10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。",
    )
    .unwrap();
    assert_eq!(
        f.makeup_workdays,
        [Date(d("2025-09-28")), Date(d("2025-10-11"))]
    );
    // Encouragement is not read.
    let f = one(2024, "2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。").unwrap();
    assert_eq!(f.makeup_workdays.len(), 2);
    assert_eq!(f.rest.from.0, d("2024-02-10"));
}

#[test]
fn item_errors() {
    let code = |r: Result<Festival>| r.unwrap_err().code;
    assert_eq!(
        code(one(2026, "1月1日（周五）放假。")),
        "calendar_notice_weekday_mismatch"
    );
    assert_eq!(
        code(one(2026, "1月4日（星期日）上班。")),
        "calendar_notice_unparseable"
    );
    assert_eq!(
        code(one(2026, "1月1日放假。1月4日（周一）上班。")),
        "calendar_notice_weekday_mismatch"
    );
    assert_eq!(
        code(one(2026, "2月15日（农历腊月二十七、周日）放假。")),
        "calendar_notice_lunar_mismatch"
    );
    assert_eq!(
        code(one(2026, "2月15日（农历大年初一）放假。")),
        "calendar_notice_unparseable"
    );
    assert_eq!(
        code(one(2026, "2月15日（元宵）放假。")),
        "calendar_notice_unparseable"
    );
    assert_eq!(
        code(one(2026, "1月1日放假半天。")),
        "calendar_notice_unparseable"
    );
    assert_eq!(
        code(one(2026, "1月1日放假，共3天，另行通知。")),
        "calendar_notice_unparseable"
    );
    assert_eq!(
        code(one(2026, "1月1日放假。具体安排另行通知。")),
        "calendar_notice_unparseable"
    );
    assert_eq!(
        code(one(2026, "1月1日放假，1月5日（周一）补休。")),
        "calendar_notice_unparseable"
    );
    assert_eq!(
        code(one(2026, "2月30日放假。")),
        "calendar_notice_unparseable"
    );
    assert_eq!(code(one(2026, "3日放假。")), "calendar_notice_unparseable");
    assert_eq!(
        code(one(2026, "1月1日（周四放假。")),
        "calendar_notice_unparseable"
    );
    let e = one(2026, "1月1日（周五）放假。").unwrap_err();
    assert!(
        e.message.contains("第 1 行") && e.message.contains("周五") && e.message.contains("周四"),
        "{e}"
    );
    assert!(
        e.message_en.contains("Thursday") && e.message_en.contains("2026-01-01"),
        "{}",
        e.message_en
    );
    let line = normalize("八、妇女节：3月8日放假半天。");
    assert_eq!(
        item(2026, 9, &line).unwrap_err().code,
        "calendar_notice_unparseable"
    );
    assert!(item(2026, 1, "一、元旦1月1日放假。").is_err());
    assert!(
        item(2026, 1, "各省、自治区：").unwrap().is_none(),
        "not an item line"
    );
}

/// holiday-cn's parser test cases (tests/notices/holiday-cn-description-cases.json, MIT): every item description
/// of 2011–2025 it lists is read to the same days; the pre-2009 forms with 其中 are refused, not guessed.
#[test]
fn holiday_cn_description_cases() {
    let cases: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../tests/notices/holiday-cn-description-cases.json"
    ))
    .unwrap();
    let (mut read, mut refused) = (0, 0);
    for c in cases.as_array().unwrap() {
        let year = c["year"].as_i64().unwrap() as i32;
        let desc = c["description"].as_str().unwrap();
        let got = one(year, desc);
        if desc.contains("其中") {
            assert_eq!(
                got.unwrap_err().code,
                "calendar_notice_unparseable",
                "{desc}"
            );
            refused += 1;
            continue;
        }
        let f = got.unwrap_or_else(|e| panic!("{desc}: {e}"));
        for e in c["expected"].as_array().unwrap() {
            let day = d(e["date"].as_str().unwrap());
            let off = e["isOffDay"].as_bool().unwrap();
            let in_rest = f.rest.from.0 <= day && day <= f.rest.to.0;
            assert_eq!(in_rest, off, "{desc}: {day}");
            assert_eq!(
                f.makeup_workdays.contains(&Date(day)),
                !off,
                "{desc}: {day}"
            );
        }
        // Days of the range the case does not list are weekend days (补休 across a weekend).
        let mut x = f.rest.from.0;
        while x <= f.rest.to.0 {
            let listed = c["expected"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["date"].as_str() == Some(&Date(x).to_string()));
            assert!(
                listed || x.weekday().num_days_from_monday() >= 5,
                "{desc}: {x}"
            );
            x = x.succ_opt().unwrap();
        }
        read += 1;
    }
    assert_eq!((read, refused), (38, 11));
}
