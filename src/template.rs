//! Message templates: `{name}` is replaced by the value a rule supplies for
//! `name`; `{{` and `}}` stand for literal braces; unknown names are kept as written.

use crate::span::Cut;

pub fn render(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(rest.cut(..i));
        let tail = rest.cut(i..);
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(tail.cut(..1));
            rest = tail.cut(2..);
            continue;
        }
        if let Some(stripped) = tail.strip_prefix('{')
            && let Some(close) = stripped.find('}')
            && let Some((_, v)) = vars.iter().find(|(k, _)| *k == stripped.cut(..close))
        {
            out.push_str(v);
            rest = stripped.cut(close + 1..);
            continue;
        }
        out.push_str(tail.cut(..1));
        rest = tail.cut(1..);
    }
    out.push_str(rest);
    out
}

/// The names a template refers to (for validating rule files).
pub fn names(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let tail = rest.cut(i + 1..);
        if let Some(stripped) = tail.strip_prefix('{') {
            rest = stripped;
            continue;
        }
        match tail.find('}') {
            Some(close) => {
                out.push(tail.cut(..close));
                rest = tail.cut(close + 1..);
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutes_known_names_only() {
        let s = render(
            "「{value}」比{peer}小，{unknown} {{x}}",
            &[("value", "68.9平方米"), ("peer", "40万平方米")],
        );
        assert_eq!(s, "「68.9平方米」比40万平方米小，{unknown} {x}");
        assert_eq!(names("a {x} {{y}} {z}"), vec!["x", "z"]);
    }
}
