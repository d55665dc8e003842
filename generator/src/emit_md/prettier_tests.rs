//! Prettier's verdict, from the pinned `tools/` install: every generated file, and spec Markdown of
//! every shape we reprint (as a page's prose and in a table cell), must come out unchanged.

use super::fixtures::*;
use super::links::Links;
use super::prose::prose;
use super::render::{cell, Table};
use crate::model::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn prettier() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools/node_modules/.bin/prettier");
    let what = "prettier judges the pages (`npm ci` in tools/ installs it)";
    crate::test_input::optional_input(&path, what)
}

/// Runs prettier once over all `files` (name → text) and returns the names of those it would
/// change, each with prettier's version of it.
fn changed(prettier: &Path, files: &[(String, String)]) -> Vec<(String, String)> {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("emit-md-prettier-{}-{run}", std::process::id());
    let dir = std::env::temp_dir().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (i, (name, text)) in files.iter().enumerate() {
        let extension = if name.ends_with(".json") {
            "json"
        } else {
            "md"
        };
        let path = dir.join(format!("{i}.{extension}"));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(path, text).expect("temp file");
    }
    let output = Command::new(prettier)
        .args(["--no-config", "--no-editorconfig", "--list-different", "."])
        .current_dir(&dir)
        .output()
        .expect("prettier runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "prettier: {stderr}"
    );
    let listed = String::from_utf8_lossy(&output.stdout).into_owned();
    let result = listed
        .lines()
        .filter_map(|line| {
            let index: usize = Path::new(line).file_stem()?.to_str()?.parse().ok()?;
            let formatted = Command::new(prettier)
                .args(["--no-config", "--no-editorconfig", line])
                .current_dir(&dir)
                .output()
                .ok()?;
            let formatted = String::from_utf8_lossy(&formatted.stdout).into_owned();
            Some((files[index].0.clone(), formatted))
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn assert_unchanged(files: &[(String, String)]) {
    let Some(prettier) = prettier() else {
        return;
    };
    let changed = changed(&prettier, files);
    for (name, formatted) in &changed {
        let ours = &files.iter().find(|(n, _)| n == name).expect("listed").1;
        eprintln!("prettier changes {name}:\n--- ours\n{ours}\n--- prettier\n{formatted}");
    }
    let names: Vec<&String> = changed.iter().map(|(n, _)| n).collect();
    assert!(names.is_empty(), "prettier would change {names:?}");
}

/// Every generated file of a varied API: nothing may change.
#[test]
fn prettier_leaves_generated_files_alone() {
    let mut apis = vec![seed_api(), verify_api(), tricky_api()];
    let mut zh = verify_api();
    zh.docs.language = Language::ZhCn;
    apis.push(zh);
    let files: Vec<(String, String)> = apis
        .iter()
        .enumerate()
        .flat_map(|(i, api)| {
            emit_docs(api)
                .into_iter()
                .map(move |(p, t)| (format!("{i}/{p}"), t))
        })
        .collect();
    assert_unchanged(&files);
}

/// Spec Markdown of the shapes real specs use, reprinted as page prose and as a table cell.
#[test]
fn prettier_leaves_reprinted_spec_markdown_alone() {
    let links = Links::default();
    let mut files = Vec::new();
    for (i, sample) in MARKDOWN.iter().enumerate() {
        let page = format!("# Page\n\n{}\n\n## Next\n", prose(sample, &links));
        files.push((format!("prose-{i}.md"), page));
        let mut table = Table::new(["Name", "Description"]);
        table.push(vec!["x".into(), cell(sample, &links)]);
        files.push((format!("cell-{i}.md"), format!("{}\n", table.render())));
    }
    assert_unchanged(&files);
}

const MARKDOWN: &[&str] = &[
    "该接口用于创建数据资源,\n  通过不同的数据资源类型适配不同的场景。\n\n  ### 示例\n\n  - 入参\n\n```json\n{\n  \"data\":{\n      \"a\": [ 1,2 ]\n    }\n}\n```",
    "<details>\n<summary>JS</summary>\n\nJS 代码示例：\n\n```js\n'Basic ' + Buffer.from(a + ':' + b).toString('base64');\n```\n\n</details>",
    "If you are building:\n\n```html\n<script src=\"https://example.org/a/very/long/path/to/webauthn.js\" type=\"script\" async />\n```\n\nMore at [docs](https://example.org) and [flows](../self-service/flows/user-settings).",
    "See [NetworkInterface](omicron_common::api::external::NetworkInterface) and [x](#tag/a/operation/b).",
    "# Introduction\nThis API is documented in **OpenAPI format**.\n\n## Authentication\n  - API Key\n  - OAuth2\n\n<SecurityDefinitions />",
    "1. 验证客户端的合法性\n2. 防止请求数据在网络传输过程中被篡改\n3. 在请求数据中加入时间戳元素，防止[重放攻击](https://zh.wikipedia.org/wiki/%E9%87%8D)\n\n- a\n- b\n\n\n* c\n\n+ d",
    "| 请求头 | 是否必填 | 含义 |\n| content-type | 是 | 如接口未特殊说明 |\n| ---------------- | -------- | ---- |\n| x-authing-app-id | 是 | Authing 应用 ID。 |",
    "| a | b |\n|---|:-:|\n| long cell | `x|y` |",
    "> Can function or methods\n> be called?\nlazy line\n>\n> - quoted item\n\nSetext\n======\n\nAnother\n---\n\n***\n___",
    "- a\n  - b\n\n  - c\n- d\n    continued\n\n  para in d\n\n10. ten\n11. eleven\n\n0. zero\n0. zero\n\n1) paren\n1) paren",
    "code:\n\n    indented code\n      more\n\n~~~\ntilde\n~~~\n\n````\nfour ``` ticks\n````\n\n```\nnever closed",
    "Trailing  \nhard break and *em* and __strong__ and `code` and a_b_c and *unclosed\n\n  <img src=\"https://x.y/a.png\" alt=\"drawing\"/>  \n\n![logo](https://x.y/logo.png) ![rel](logo.png)",
    "```bash\ncurl 'https://<YOUR_DOMAIN>.authing.cn/api/v3/list?page=2&limit=50'\n```\n\n```json\n{\n  \"statusCode\": <STATUS_CODE>, // 错误\n}\n```",
    "<!-- | a | b |\n| - | - | -->\n\n<div>\nx\n\n</div>\ntext <b>bold</b> after",
    "Tab\tseparated\tline\n\n\t- tab list\n\n- [ ] task\n- [x] done",
    "| a | b |\n|---|---|\n| 1 | 2 |\n> quote after a table\n>\n\n```\ntrailing  \n```\ntext\n1.\n2. x\n+\n\n- a\n>\n- b",
];
