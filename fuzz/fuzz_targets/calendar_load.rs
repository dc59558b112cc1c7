#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tuiyi_core::fuzzing::calendar_load(data));
