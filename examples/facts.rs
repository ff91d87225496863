//! Prints what the relations stage read from a file: each claim's indicator,
//! period and role, and the shapes found. `cargo run --example facts FILE`.

use reportlint::span::Cut;
use reportlint::{Document, Linter};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: facts FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let doc = Document::from_text(path, text);
    let linted = Linter::new(Default::default()).lint(&doc);
    let t = &doc.text;
    let f = &linted.facts;
    let claim = |i: usize| &linted.claims[f.facts[i].claim].text;
    for (i, x) in f.facts.iter().enumerate() {
        println!(
            "{i:5} {:>14} {:?}/{:?} key={} period={} scope={} base={:?}{}{}{}",
            claim(i),
            x.role,
            x.source,
            x.key,
            x.period,
            x.scope,
            x.base,
            if x.part { " part" } else { "" },
            if x.in_paren { " paren" } else { "" },
            if x.total_word { " total" } else { "" },
        );
    }
    for g in &f.growths {
        println!(
            "growth: {} / {} / {}",
            claim(g.level),
            claim(g.change),
            claim(g.rate)
        );
    }
    for tr in &f.transitions {
        println!(
            "transition: {} -> {} ({:?})",
            claim(tr.from),
            claim(tr.to),
            tr.change.map(claim)
        );
    }
    for b in &f.breakdowns {
        let parts: Vec<&String> = b.parts.iter().map(|&p| claim(p)).collect();
        println!("breakdown {:?}: {} = {:?}", b.kind, claim(b.total), parts);
    }
    for s in &f.sums {
        let r: Vec<Vec<&String>> = s
            .readings
            .iter()
            .map(|r| r.iter().map(|&p| claim(p)).collect())
            .collect();
        println!("sum: {} <- {:?}", claim(s.total), r);
    }
    for r in &f.ratios {
        println!(
            "ratio: {} [{}] previous={}",
            t.cut(r.span.start..r.span.end),
            t.cut(r.context.start..r.context.end),
            r.previous
        );
    }
    for l in &f.lists {
        let items: Vec<&str> = l.items.iter().map(|s| t.cut(s.start..s.end)).collect();
        println!("list: {:?} 等 {}", items, linted.claims[l.count].text);
    }
}
