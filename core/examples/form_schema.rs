//! Print the registration form's JSON Schema: `cargo run -p tuiyi-core --example form_schema > schemas/form.schema.json`

fn main() {
    let schema = tuiyi_core::form::schema::form_schema();
    match serde_json::to_string_pretty(schema) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
}
