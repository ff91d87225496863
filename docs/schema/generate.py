#!/usr/bin/env python3
"""Writes docs/schema/rules.schema.json and docs/schema/config.schema.json.

Run from the repository root after adding or changing a rule kind:
    python3 docs/schema/generate.py
tests/schema.rs checks that the schema lists every registered kind with exactly
the fields its spec accepts, so a kind missing here fails the tests.
"""
import json

words = {"type": "array", "items": {"type": "string"}}
nonneg = {"type": "number", "minimum": 0}
uint = {"type": "integer", "minimum": 0}


def d(base, text):
    return dict(base, description=text)


COMMON = {
    "id": {"type": "string", "pattern": "^[a-z0-9_-]+(/[a-z0-9_-]+)*$",
           "description": "Stable rule id, e.g. magnitude/missing."},
    "kind": {"type": "string", "description": "Which check runs."},
    "severity": {"enum": ["info", "warning", "error"], "description": "Default warning."},
    "message": {"type": "string", "description": "Message template; {names} depend on the kind."},
    "help": {"type": "string", "description": "Advice shown under the finding (same template names)."},
    "description": {"type": "string", "description": "What the rule checks and why (reportlint rule ID)."},
    "examples": {"type": "object", "additionalProperties": False,
                 "properties": {"fires": words, "passes": words},
                 "description": "Texts that must / must not trigger the rule; run as tests."},
}

# kind -> (required kind fields, {field: schema})
KINDS = {
    "duplicate": ([], {
        "scope": {"enum": ["paragraphs", "sentences"]},
        "min_chars": uint, "min_sentence_chars": uint,
        "similarity": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "max_gap": uint,
    }),
    "magnitude": (["check"], {
        "check": {"enum": ["missing", "doubled"]},
        "window": uint, "min_peers": {"type": "integer", "minimum": 1},
        "ratio": {"type": "integer", "minimum": 10}, "spread": {"type": "integer", "minimum": 1},
        "dimensions": words,
        "whole": d(words, "Dimensions counted in whole units (people, households ...)."),
        "generic": d(words, "Dimensions of generic counters (个, 项): peers are not evidence."),
        "lookback": uint, "bare_limit": uint,
        "because": d({"type": "object", "additionalProperties": False, "properties": {
            k: {"type": "string"} for k in
            ["peers", "same", "scale", "fraction", "aggregate", "range", "growth"]}},
            "The {because} text of the message for each kind of evidence."),
        "doubled": words, "historical": words,
    }),
    "unit-required": (["indicators"], {"indicators": words, "connectors": words}),
    "percent-range": (["check"], {
        "check": {"enum": ["rate", "decrease"]}, "window": {"type": "integer", "minimum": 1},
    }),
    "pattern": (["pattern"], {
        "pattern": d({"type": "string"}, "Rust regex syntax."),
        "replace": {"type": "string"}, "ignore_case": {"type": "boolean"},
        "fix": {"enum": ["none", "safe", "unsafe"]},
    }),
    "table-sum": (["check"], {
        "check": {"enum": ["row", "column", "formula"]},
        "totals": d(words, "Labels of total rows / headers of total columns end with one of these."),
        "subitems": d(words, "Rows whose label starts with one of these are not parts."),
        "skip_columns": d(words, "Columns whose header contains one of these are not summed."),
        "rounding": d(nonneg, "Allowed difference per part, in units of the last decimal place shown."),
        "tolerance": d(nonneg, "Allowed difference on top of rounding, in the table's unit."),
        "unconfirmed_share": d(nonneg, "row: an unconfirmed total is reported only when off by at most this share of it."),
        "min_rows": d(uint, "column: rows that must add up before a total column's parts are known."),
    }),
    "table-bound": (["left", "op", "right"], {
        "left": d(dict(words, minItems=1), "Words of the left column's header."),
        "op": {"enum": ["<=", "<", ">=", ">"]},
        "right": d(dict(words, minItems=1), "Words of the right column's header."),
        "tolerance": d(nonneg, "Allowed excess, in the table's unit."),
        "skip_rows": d(words, "Skip rows whose label contains one of these."),
    }),
}

# The relation kinds (docs/relations.md).
tolerance = d({"type": "object", "additionalProperties": False, "properties": {
    "rounding": d(nonneg, "Units of the last written digit a figure may be off (0.5 = correct rounding)."),
    "slack": d(nonneg, "Extra units of the last digit of the stated result."),
    "relative": d(nonneg, "Extra relative margin on the stated result."),
    "approx": {"enum": ["skip", "widen"]},
    "approx_margin": d(nonneg, "With approx: widen, how wide an approximate figure is (0.1 = 10 %)."),
}}, "Rounding policy (docs/relations.md).")
names = {"oneOf": [{"type": "string"}, dict(words, minItems=1)]}
KINDS.update({
    "share": ([], {"tolerance": tolerance, "list_slack": nonneg, "window": uint}),
    "growth": ([], {"tolerance": tolerance, "transitions": {"type": "boolean"},
                    "amounts": {"type": "boolean"}}),
    "sum": (["check"], {
        "check": {"enum": ["declared", "text", "parts"]},
        "relations": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["total", "parts"],
            "properties": {"total": names, "parts": {"type": "array", "minItems": 2, "items": names}}}},
        "window": uint, "max_gap": nonneg, "tolerance": tolerance,
    }),
    "ratio": (["check"], {
        "check": {"enum": ["sum", "components"]}, "words": dict(words, minItems=1),
        "total": {"type": "number"}, "min_terms": uint,
        "components": {"type": "array", "items": names}, "window": uint, "list_slack": nonneg,
        "tolerance": tolerance,
    }),
    "difference": (["relations"], {
        "relations": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False,
            "required": ["result", "minuend", "subtrahend"],
            "properties": {"result": names, "minuend": names, "subtrahend": names}}},
        "window": uint, "tolerance": tolerance,
    }),
    "consistent": ([], {"min_chars": {"type": "integer", "minimum": 1}, "exclude": words,
                        "indicators": words, "tolerance": tolerance}),
    "bound": (["check"], {
        "check": {"enum": ["declared", "listed-count"]},
        "relations": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["lesser", "greater"],
            "properties": {"lesser": {"type": "string"}, "greater": {"type": "string"}}}},
        "window": uint, "tolerance": tolerance,
    }),
})

LEVELS = {"enum": ["info", "warning", "error", "off"]}


# knowledge section -> schema (docs/knowledge.md)
orders = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}
KNOWLEDGE = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "words": d({"type": "object", "additionalProperties": words},
                   "Named classes of words; a later file's list is appended."),
        "rates": d({"type": "object", "additionalProperties": False, "properties": {
            "proportions": d(words, "Words that end the name of a proportion (at most 100%)."),
            "comparisons": d(words, "Text right before a figure that makes it a comparison."),
            "classes": {"type": "object", "additionalProperties": {
                "type": "object", "additionalProperties": False, "properties": {
                    "reason": d({"type": "string"}, "Why these rates are not bounded by 100%."),
                    "limit": d({"type": "number"}, "The class's upper bound in percent; none = unbounded."),
                    "words": d(words, "Words that end the names of the class's rates."),
                }}},
        }}, "Which percentages are bounded, and by what (docs/knowledge.md#rates)."),
        "scales": d({"type": "object", "additionalProperties": False, "properties": {
            "levels": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["level"],
                "properties": {"level": {"type": "string"}, "name": {"type": "string"},
                               "title": words, "scope": words}}},
            "indicators": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["names", "unit"],
                "properties": {"names": dict(words, minItems=1), "unit": {"type": "string"},
                               "orders": d({"type": "object", "additionalProperties": orders},
                                           "Level -> [lowest, highest] power of ten of the unit.")}}},
        }}, "The usual order of magnitude of indicators per level (docs/knowledge.md#scales)."),
    },
}


def rules_schema():
    defs, allof = {}, []
    for kind, (required, props) in KINDS.items():
        p = dict(COMMON)
        p.update(props)
        p["kind"] = {"const": kind}
        defs[kind] = {"type": "object", "additionalProperties": False,
                      "required": ["id", "kind", "message"] + required, "properties": p}
        allof.append({"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                      "then": {"$ref": f"#/definitions/{kind}"}})
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "reportlint-rules.schema.json",
        "title": "reportlint rule file",
        "type": "object", "additionalProperties": False,
        "properties": {
            "rules": {"type": "array", "items": {"$ref": "#/definitions/rule"}},
            "disable": d(words, "Rule ids or prefixes to switch off."),
            "severity": {"type": "object", "additionalProperties": LEVELS,
                         "description": "Rule id or prefix -> level."},
            "knowledge": d(KNOWLEDGE, "Knowledge the rules use, extending the built-in "
                                      "knowledge (docs/knowledge.md)."),
        },
        "definitions": {"rule": {"type": "object", "required": ["id", "kind", "message"],
                                 "properties": {"kind": {"enum": list(KINDS)}}, "allOf": allof},
                        **defs},
    }


def config_schema():
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "reportlint-config.schema.json",
        "title": "reportlint configuration (reportlint.yaml)",
        "type": "object", "additionalProperties": False,
        "properties": {
            "builtin": d({"type": "boolean"}, "Load the built-in rules (default true)."),
            "rules": d(words, "Extra rule files or folders, relative to the config file."),
            "disable": words,
            "severity": {"type": "object", "additionalProperties": LEVELS},
            "fail_on": {"enum": ["info", "warning", "error"]},
            "require_reason": {"type": "boolean"},
            "overrides": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["paths"],
                "properties": {"paths": words, "disable": words,
                               "severity": {"type": "object", "additionalProperties": LEVELS}}}},
        },
    }


for name, schema in [("rules", rules_schema()), ("config", config_schema())]:
    with open(f"docs/schema/{name}.schema.json", "w", encoding="utf-8") as f:
        f.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
