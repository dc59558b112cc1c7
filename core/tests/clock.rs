//! The injectable clock (`tuiyi_core::clock`): a host without a system clock (WebAssembly in a browser)
//! installs its own, and every default "today" follows it; `set(None)` restores the system clock. One test
//! function, because the clock is process-wide and the test harness runs tests on several threads.

use chrono::NaiveDate;
use serde_json::json;
use tuiyi_core::{api, clock, form, Engine};

/// 2024-09-30T16:00:00Z: already 1 October 2024 in Shanghai.
fn national_day_in_shanghai() -> i64 {
    1_727_712_000
}

/// 2024-09-30T15:59:59Z: still 30 September in Shanghai.
fn eve_in_shanghai() -> i64 {
    1_727_711_999
}

#[test]
fn an_installed_clock_is_the_default_today_everywhere() {
    let engine = Engine::embedded().expect("engine");
    let system = form::today_shanghai();

    clock::set(Some(national_day_in_shanghai));
    assert_eq!(clock::unix_seconds(), 1_727_712_000);
    assert_eq!(
        form::today_shanghai(),
        NaiveDate::from_ymd_opt(2024, 10, 1).expect("date")
    );

    // validate without today: a discharge on 1 October is not in the future on 1 October, but 2 October is.
    let with_discharge = |d: &str| {
        let mut f: serde_json::Value =
            serde_json::from_str(include_str!("../../examples/form.json")).expect("form");
        f["service_info"]["discharge_date"] = json!(d);
        f
    };
    let future = |report: serde_json::Value| {
        report["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .any(|e| {
                e["path"] == "/service_info/discharge_date"
                    && e["code"] == "form_discharge_in_future"
            })
    };
    let on_the_day = api::run(
        &engine,
        "validate",
        &json!({"form": with_discharge("2024-10-01")}),
    )
    .expect("report");
    let next_day = api::run(
        &engine,
        "validate",
        &json!({"form": with_discharge("2024-10-02")}),
    )
    .expect("report");
    assert!(!future(on_the_day.clone()), "{on_the_day}");
    assert!(future(next_day.clone()), "{next_day}");
    // The same report as with today given explicitly.
    let explicit = api::run(
        &engine,
        "validate",
        &json!({"form": with_discharge("2024-10-02"), "today": "2024-10-01"}),
    )
    .expect("report");
    assert_eq!(next_day, explicit);

    clock::set(Some(eve_in_shanghai));
    let eve = api::run(
        &engine,
        "validate",
        &json!({"form": with_discharge("2024-10-01")}),
    )
    .expect("report");
    assert!(future(eve.clone()), "{eve}");

    // Back to the system clock.
    clock::set(None);
    let now = form::today_shanghai();
    assert!(
        now >= system && now <= system.succ_opt().expect("date"),
        "{now} vs {system}"
    );
}
