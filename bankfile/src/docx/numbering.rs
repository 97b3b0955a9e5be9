//! Word's automatic list numbering (word/numbering.xml), rebuilt as text: the reader of
//! word/document.xml ([`super::xml`]) asks it for each numbered paragraph's label.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::{attr, local};
use crate::limits::MAX_LABEL_CHARS;

#[derive(Debug, Default, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// Automatic list numbering (word/numbering.xml): banks often number "Câu %1:" and letter the
/// options "A." with Word lists, so the labels are not in the text and must be rebuilt.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    pub fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut override_level: Option<u8> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    let val = attr(&e, "val");
                    match local(&e).as_str() {
                        "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                        "num" => num_id = attr(&e, "numId"),
                        "lvl" => {
                            let ilvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                            level = Some((ilvl, Level { start: 1, ..Level::default() }));
                        }
                        "start" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.start = val.and_then(|v| v.parse().ok()).unwrap_or(1);
                            }
                        }
                        "numFmt" => {
                            if let Some((_, l)) = level.as_mut() {
                                l.format = val.unwrap_or_default();
                            }
                        }
                        "lvlText" => {
                            if let Some((_, l)) = level.as_mut() {
                                // Built again for every numbered paragraph: a long one multiplies.
                                l.text = val.unwrap_or_default().chars().take(MAX_LABEL_CHARS).collect();
                            }
                        }
                        "abstractNumId" => {
                            if let (Some(id), Some(v)) = (num_id.clone(), val) {
                                n.nums.insert(id, (v, HashMap::new()));
                            }
                        }
                        "lvlOverride" => override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                        "startOverride" => {
                            if let (Some(id), Some(l), Some(v)) = (num_id.as_ref(), override_level, val) {
                                if let Some((_, overrides)) = n.nums.get_mut(id) {
                                    overrides.insert(l, v.parse().unwrap_or(1));
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(id), Some((ilvl, l))) = (abstract_id.as_ref(), level.take()) {
                            n.abstracts.entry(id.clone()).or_default().insert(ilvl, l);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }

    /// Advances the list counter and returns the label Word would show ("Câu 3:", "B.").
    pub(super) fn label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let (abstract_id, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        let ilvl = ilvl.min(8);
        let counters = self.counters.entry(num_id.to_string()).or_insert_with(|| {
            let mut c = [0u32; 9];
            for (l, slot) in c.iter_mut().enumerate() {
                let l = l as u8;
                let start = overrides.get(&l).copied().or(levels.get(&l).map(|x| x.start)).unwrap_or(1);
                *slot = start.saturating_sub(1);
            }
            c
        });
        counters[ilvl as usize] = counters[ilvl as usize].saturating_add(1);
        for (deeper, slot) in counters.iter_mut().enumerate().skip(ilvl as usize + 1) {
            let l = deeper as u8;
            let start = overrides.get(&l).copied().or(levels.get(&l).map(|x| x.start)).unwrap_or(1);
            *slot = start.saturating_sub(1);
        }
        let level = levels.get(&ilvl)?;
        if level.format == "bullet" || level.format == "none" || level.text.is_empty() {
            return None;
        }
        let mut label = level.text.clone();
        for l in 0..9u8 {
            let placeholder = format!("%{}", l + 1);
            if label.contains(&placeholder) {
                let fmt = levels.get(&l).map_or("decimal", |x| x.format.as_str());
                label = label.replace(&placeholder, &format_number(counters[l as usize], fmt));
            }
        }
        Some(label)
    }
}

fn format_number(n: u32, format: &str) -> String {
    let letter = |upper: bool| {
        let base = if upper { b'A' } else { b'a' };
        let i = (n.max(1) - 1) % 26;
        ((base + i as u8) as char).to_string()
    };
    match format {
        "upperLetter" => letter(true),
        "lowerLetter" => letter(false),
        // Roman numerals stop at 3999; a crafted start value must not build a megabyte of Ms.
        "upperRoman" if n < 4000 => roman(n),
        "lowerRoman" if n < 4000 => roman(n).to_lowercase(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, s) in table {
        while n >= value {
            out.push_str(s);
            n -= value;
        }
    }
    out
}
