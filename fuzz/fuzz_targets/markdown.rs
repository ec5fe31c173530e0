//! The Markdown-to-HTML renderer: any body that passes the briefing checks
//! renders without panic, and no <script> or event handler reaches the page
//! other than the template's own script tag.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sourced::project::templates::{DEFAULTS, Template};
use sourced::verify::Site;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let scan = sourced::project::briefing::scan(body, sourced::project::briefing::Body::Briefing);
    if !scan.html.is_empty() || !scan.definitions.is_empty() || !scan.bad_links.is_empty() {
        return; // refused by verify before rendering
    }
    let site = Site {
        title: "t".into(),
        summary: "s".into(),
        updated: None,
        body: body.to_string(),
        sources: Default::default(),
        facts: Vec::new(),
    };
    let templates: Vec<Template> = DEFAULTS
        .iter()
        .map(|(name, text)| Template {
            name: name.to_string(),
            text: text.to_string(),
            path: format!("(built-in)/{name}").into(),
        })
        .collect();
    let files = sourced::render::render(&site, &templates, &mut Default::default()).expect("the default templates render");
    let index = files.iter().find(|f| f.path.as_os_str() == "index.html").unwrap();
    let html = String::from_utf8(index.bytes.to_vec()).unwrap();
    assert_eq!(html.matches("<script").count(), 1, "only the template's own script");
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        let names: String = tag.split('"').step_by(2).collect();
        assert!(!names.to_ascii_lowercase().contains(" on"), "event handler in <{tag}>");
    }
});
