//! JSON printed the way prettier prints it inside a Markdown ```json fence (print width 80,
//! two-space indent), so formatting the page leaves it alone.

use super::width::display_width;
use serde_json::Value;

const PRINT_WIDTH: usize = 80;

/// Pretty JSON: objects one member per line; arrays on one line when they fit, otherwise one
/// element per line (arrays of numbers fill lines instead). Keys keep their order.
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, 0, 0, 0);
    out
}

/// Writes `value`, which starts at display column `column` of a line indented by `indent`, and
/// is followed by `suffix` columns (a comma) before the next line break.
fn write(out: &mut String, value: &Value, indent: usize, column: usize, suffix: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (key, member)) in map.iter().enumerate() {
                let last = i + 1 == map.len();
                let key = scalar(&Value::String(key.clone()));
                push_indent(out, indent + 2);
                out.push_str(&key);
                out.push_str(": ");
                let start = indent + 2 + display_width(&key) + 2;
                write(out, member, indent + 2, start, usize::from(!last));
                out.push_str(if last { "\n" } else { ",\n" });
            }
            push_indent(out, indent);
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => write_array(out, items, indent, column, suffix),
        other => out.push_str(&flat(other)),
    }
}

fn write_array(out: &mut String, items: &[Value], indent: usize, column: usize, suffix: usize) {
    if !must_break(items) {
        let one_line = flat(&Value::Array(items.to_vec()));
        if column + display_width(&one_line) + suffix <= PRINT_WIDTH {
            out.push_str(&one_line);
            return;
        }
    }
    out.push_str("[\n");
    if items.len() > 1 && items.iter().all(Value::is_number) {
        fill_numbers(out, items, indent + 2);
    } else {
        for (i, item) in items.iter().enumerate() {
            let last = i + 1 == items.len();
            push_indent(out, indent + 2);
            write(out, item, indent + 2, indent + 2, usize::from(!last));
            out.push_str(if last { "\n" } else { ",\n" });
        }
    }
    push_indent(out, indent);
    out.push(']');
}

/// Prettier's `fill`: as many numbers on a line as fit, each with its comma.
fn fill_numbers(out: &mut String, items: &[Value], indent: usize) {
    let parts: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let comma = if i + 1 == items.len() { "" } else { "," };
            format!("{}{comma}", scalar(item))
        })
        .collect();
    push_indent(out, indent);
    let mut column = indent;
    for (i, part) in parts.iter().enumerate() {
        out.push_str(part);
        column += part.len();
        match parts.get(i + 1) {
            Some(next) if column + 1 + next.len() <= PRINT_WIDTH => {
                out.push(' ');
                column += 1;
            }
            Some(_) => {
                out.push('\n');
                push_indent(out, indent);
                column = indent;
            }
            None => out.push('\n'),
        }
    }
}

/// Whether prettier breaks this array whatever its width: it holds a non-empty object (objects
/// always break), an array that must break, or only arrays (or objects) of two or more items.
fn must_break(items: &[Value]) -> bool {
    let holds_break = items.iter().any(|item| match item {
        Value::Object(map) => !map.is_empty(),
        Value::Array(inner) => must_break(inner),
        _ => false,
    });
    let all_long_arrays = items.len() > 1
        && items
            .iter()
            .all(|item| matches!(item, Value::Array(inner) if inner.len() > 1));
    holds_break || all_long_arrays
}

/// A value on one line, in prettier's spacing (`[1, 2]`, `{}`).
fn flat(value: &Value) -> String {
    match value {
        Value::Array(items) if !items.is_empty() => {
            let parts: Vec<String> = items.iter().map(flat).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Array(_) => "[]".into(),
        Value::Object(map) if map.is_empty() => "{}".into(),
        other => scalar(other),
    }
}

fn scalar(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn push_indent(out: &mut String, width: usize) {
    out.extend(std::iter::repeat_n(' ', width));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_break_and_keep_key_order() {
        let value = json!({"statusCode": 200, "message": "ok", "data": {}});
        assert_eq!(
            pretty(&value),
            "{\n  \"statusCode\": 200,\n  \"message\": \"ok\",\n  \"data\": {}\n}"
        );
    }

    #[test]
    fn short_arrays_stay_on_one_line() {
        let value = json!({"ids": ["a", "b"], "empty": [], "nested": [[1], []]});
        assert_eq!(
            pretty(&value),
            "{\n  \"ids\": [\"a\", \"b\"],\n  \"empty\": [],\n  \"nested\": [[1], []]\n}"
        );
    }

    #[test]
    fn long_arrays_break_one_element_per_line() {
        let long = "x".repeat(40);
        let value = json!({"ids": [long, long]});
        let want = format!("{{\n  \"ids\": [\n    \"{long}\",\n    \"{long}\"\n  ]\n}}");
        assert_eq!(pretty(&value), want);
    }

    #[test]
    fn arrays_of_objects_or_pairs_always_break() {
        assert_eq!(pretty(&json!([{"a": 1}])), "[\n  {\n    \"a\": 1\n  }\n]");
        assert_eq!(
            pretty(&json!([[1, 2], [3, 4]])),
            "[\n  [1, 2],\n  [3, 4]\n]"
        );
    }

    #[test]
    fn long_number_arrays_fill_lines() {
        let numbers: Vec<u32> = (1000..1030).collect();
        let text = pretty(&json!(numbers));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "[");
        assert!(lines[1].starts_with("  1000, 1001,"));
        assert!(lines.iter().all(|l| l.len() <= PRINT_WIDTH));
        assert_eq!(lines.last(), Some(&"]"));
    }

    #[test]
    fn wide_characters_count_double_when_fitting() {
        // 18 CJK characters are 36 columns wide but only 18 chars long.
        let word = "中".repeat(18);
        let text = pretty(&json!({"k": [word, word]}));
        assert!(text.contains("[\n"), "{text}");
    }
}
