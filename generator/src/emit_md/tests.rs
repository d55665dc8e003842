//! Whole-page tests: the seed page byte for byte, a reference page, both languages, non-JSON
//! bodies, the index files. (Prettier's verdict on them is in `prettier_tests.rs`.)

use super::fixtures::*;
use crate::model::*;
use serde_json::json;

const SEED: &str = "/../../shared/seeds/000_0037e6becc96103c.txt";
const VERIFY_REFERENCE: &str = "/../../shared/reference/docs-en/verify-update-phone-request.md";

fn read_shared(relative: &str) -> Option<String> {
    let path = format!("{}{relative}", env!("CARGO_MANIFEST_DIR"));
    let what = "the page is compared with the docs factory's own";
    let path = crate::test_input::optional_input(std::path::Path::new(&path), what)?;
    Some(std::fs::read_to_string(path).expect("the shared page is readable"))
}

fn only_page(api: &Api) -> String {
    let files = emit_docs(api);
    let pages: Vec<&String> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".md") && !path.ends_with("README.md"))
        .map(|(_, text)| text)
        .collect();
    assert_eq!(pages.len(), 1, "{:?}", files.keys().collect::<Vec<_>>());
    pages[0].clone()
}

#[test]
fn seed_page_is_reproduced_byte_for_byte() {
    let files = emit_docs(&seed_api());
    let page = &files["docs/management-client/user-information/update-phone.md"];
    if let Some(seed) = read_shared(SEED) {
        assert_eq!(page, &seed);
    }
    assert!(page.starts_with("# Modify mobile phone number\n\n<!--\nWarning ⚠️:\n"));
    assert!(page.ends_with("```\n\n## Data structure\n"));
}

#[test]
fn reference_page_is_reproduced_but_for_its_translated_words() {
    let page = only_page(&verify_api());
    if let Some(reference) = read_shared(VERIFY_REFERENCE) {
        let reference = reference
            .replace("Is it required?", "Required")
            .replace("Warning⚠️:", "Warning ⚠️:")
            // The factory ends a cell whose text ends in a line break with a stray `<br>`.
            .replace(" <br> |", " |");
        // The reference pads the Required columns for its longer header word.
        let normalise = |text: &str| -> String {
            text.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .map(|l| {
                    let mut l = l.replace("----", "-");
                    while l.contains("--") {
                        l = l.replace("--", "-");
                    }
                    l
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        // The factory leaves out required fields the spec gives no example for; we show them
        // with typed placeholders, as a real response has them.
        let reference = reference.replace(
            "\"data\": {}",
            "\"data\": {\n    \"updatePhoneToken\": \"string\",\n    \"tokenExpiresIn\": 0\n  }",
        );
        assert_eq!(normalise(&page), normalise(&reference));
    }
    let sections: Vec<&str> = page.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(
        sections,
        [
            "### <a id=\"UpdatePhoneByPhonePassCodeDto\"></a> UpdatePhoneByPhonePassCodeDto",
            "### <a id=\"VerifyUpdatePhoneRequestData\"></a> VerifyUpdatePhoneRequestData",
        ]
    );
    assert!(page.contains("\"data\": {\n    \"updatePhoneToken\": \"string\","));
}

#[test]
fn chinese_pages_use_the_factory_words_and_padded_tables() {
    let mut api = seed_api();
    api.docs.language = Language::ZhCn;
    let page = only_page(&api);
    for expected in [
        "<!--\n  警告⚠️：\n  不要直接修改该文档，\n  https://github.com/Authing/authing-docs-factory\n  使用该项目进行生成\n-->",
        "## 方法名称\n\n`ManagementClient.update_phone`",
        "## 请求参数\n\n| 名称             | 类型   | <div style=\"width:80px\">是否必填</div> |",
        "| updatePhoneToken | string | 是                                     | -  ",
        "## 请求响应\n\n类型： `CommonResponseDto`\n\n| 名称       | 类型   | 描述",
        "示例结果：\n\n```json\n{",
        "```\n\n## 数据结构\n",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in\n{page}");
    }
    assert!(!page.contains("\n\n\n"));
}

#[test]
fn rust_examples_follow_the_request_parameters() {
    let mut api = seed_api();
    api.operations[0].docs_example = true;
    let page = only_page(&api);
    let example = page
        .find("## Example\n\n```rust\n")
        .expect("example section");
    assert!(page.find("## Request parameters").unwrap() < example);
    assert!(example < page.find("## Request response").unwrap());
    api.docs.language = Language::ZhCn;
    assert!(only_page(&api).contains("## 示例代码\n\n```rust\n"));
}

#[test]
fn parameters_come_before_body_and_required_rows_first() {
    let mut api = seed_api();
    let op = &mut api.operations[0];
    let param = |wire: &str, location, required| Param {
        name: name(wire, wire),
        location,
        required,
        ty: Ty::Boolean,
        style: ParamStyle::Form,
        explode: true,
        description: None,
        deprecated: false,
        example: Some(Box::new(json!(false))),
        default: Some(Box::new(json!(true))),
        secret: false,
        constraints: Default::default(),
    };
    op.params = vec![
        param("q", ParamLocation::Query, false),
        param("h", ParamLocation::Header, true),
        param("id", ParamLocation::Path, true),
    ];
    let page = only_page(&api);
    let names: Vec<&str> = page
        .lines()
        .skip_while(|l| !l.starts_with("## Request parameters"))
        .skip(4)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(1).unwrap_or("").trim())
        .collect();
    assert_eq!(names, ["id", "h", "updatePhoneToken", "q"]);
    assert!(page
        .contains("| q                | boolean | No                                     | true "));
    assert!(page.contains("| `false`   "));
}

#[test]
fn data_structures_are_listed_depth_first_each_once() {
    let mut api = empty_api();
    let d = add_type(&mut api, struct_def("D", vec![]));
    let b = add_type(
        &mut api,
        struct_def("B", vec![field("d", Ty::Named(d), false)]),
    );
    let c = add_type(
        &mut api,
        struct_def("C", vec![field("b", Ty::Named(b), false)]),
    );
    let alias = add_type(
        &mut api,
        TypeDef {
            name: name("CList", "CList"),
            description: None,
            example: None,
            kind: TypeKind::Alias(Ty::Array(Box::new(Ty::Named(c)))),
            constraints: Default::default(),
            pointer: String::new(),
        },
    );
    let request = struct_def(
        "Req",
        vec![
            field("b", Ty::Named(b), false),
            field("cs", Ty::Named(alias), true),
        ],
    );
    let request = add_type(&mut api, request);
    let response = add_type(
        &mut api,
        struct_def("Resp", vec![field("c", Ty::Named(c), true)]),
    );
    let mut op = operation("getThing", HttpMethod::Post, "/thing");
    op.body = json_body(Ty::Named(request));
    op.responses = vec![ok_json(Ty::Named(response))];
    api.operations.push(op);
    let page = only_page(&api);
    let sections: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("### <a id=\""))
        .map(|l| l.split('"').next().unwrap_or(""))
        .collect();
    // Rows are required-first: `cs` (C, then C's B, then B's D), then `b` (seen).
    assert_eq!(sections, ["C", "B", "D"]);
    assert!(page.contains("| cs   | <a href=\"#C\">C</a>[] |"));
}

/// The Required column says what the Rust type says: a required `readOnly` field is an `Option`
/// (it is never sent), and so is a required nullable one; a required plain field is not.
#[test]
fn required_rows_follow_the_rust_presence() {
    let mut api = empty_api();
    let mut id = field("id", string(), true);
    id.read_only = true;
    let nullable = field("note", Ty::Nullable(Box::new(string())), true);
    let owner = struct_def("Owner", vec![id, field("name", string(), true), nullable]);
    let owner = add_type(&mut api, owner);
    let thing = struct_def("Thing", vec![field("owner", Ty::Named(owner), true)]);
    let thing = add_type(&mut api, thing);
    let mut op = operation("getThing", HttpMethod::Get, "/thing");
    op.responses = vec![ok_json(Ty::Named(thing))];
    api.operations.push(op);
    let surface = crate::surface::Surface::new(&api);
    let presence = |wire: &str| {
        let (_, shape) = surface
            .fields(owner)
            .find(|(f, _)| f.name.wire == wire)
            .unwrap();
        shape.presence.is_optional()
    };
    assert_eq!(
        (presence("id"), presence("name"), presence("note")),
        (true, false, true)
    );
    let page = only_page(&api);
    let row = |name: &str| {
        let start = format!("| {name} ");
        page.lines()
            .find(|l| l.starts_with(&start))
            .unwrap_or_else(|| panic!("{page}"))
            .split('|')
            .nth(3)
            .unwrap()
            .trim()
            .to_owned()
    };
    assert_eq!(
        (row("id"), row("name"), row("note")),
        ("No".into(), "Yes".into(), "No".into())
    );
}

#[test]
fn inline_objects_without_properties_are_plain_objects() {
    let mut api = empty_api();
    let mut free = struct_def("UserCustomData", vec![]);
    free.pointer = "#/components/schemas/User/properties/customData".into();
    free.example = Some(Box::new(json!({"age": 22})));
    let free = add_type(&mut api, free);
    let empty = add_type(&mut api, struct_def("Empty", vec![]));
    let fields = vec![
        field("customData", Ty::Named(free), false),
        field("empty", Ty::Named(empty), false),
    ];
    let user = add_type(&mut api, struct_def("User", fields));
    let mut op = operation("getUser", HttpMethod::Get, "/user");
    op.responses = vec![ok_json(Ty::Named(user))];
    api.operations.push(op);
    let page = only_page(&api);
    assert!(
        page.contains("| customData | object                     |"),
        "{page}"
    );
    assert!(page.contains("| empty      | <a href=\"#Empty\">Empty</a> |"));
    // An optional field whose type the spec gives nothing for is left out of the sample.
    assert!(
        page.contains("{\n  \"customData\": {\n    \"age\": 22\n  }\n}"),
        "{page}"
    );
    let sections: Vec<&str> = page.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(sections, ["### <a id=\"Empty\"></a> Empty"]);
}

#[test]
fn non_json_bodies_are_documented() {
    let mut api = empty_api();
    let upload = struct_def(
        "Upload",
        vec![
            field("file", Ty::Binary, true),
            field("note", string(), false),
        ],
    );
    let upload = add_type(&mut api, upload);
    let mut multipart = operation("upload", HttpMethod::Post, "/upload");
    multipart.body = Some(RequestBody {
        part_types: Vec::new(),
        required: true,
        description: None,
        media_type: "multipart/form-data".into(),
        kind: BodyKind::Multipart,
        ty: Ty::Named(upload),
    });
    multipart.responses = vec![Response {
        status: StatusCode::Code(200),
        description: None,
        body: Some(ResponseBody {
            media_type: "application/pdf".into(),
            kind: BodyKind::Binary,
            ty: Ty::Binary,
        }),
    }];
    let mut raw = operation("putRaw", HttpMethod::Put, "/raw");
    raw.body = Some(RequestBody {
        part_types: Vec::new(),
        required: false,
        description: Some("The bytes".into()),
        media_type: "application/octet-stream".into(),
        kind: BodyKind::Binary,
        ty: Ty::Binary,
    });
    raw.responses = vec![Response {
        status: StatusCode::Code(204),
        description: None,
        body: None,
    }];
    api.operations = vec![multipart, raw];
    let files = emit_docs(&api);
    let upload = &files["docs/management-client/default/upload.md"];
    assert!(upload.contains("| file | file   | Yes "), "{upload}");
    assert!(upload.contains("Request body media type: `multipart/form-data`."));
    assert!(upload.contains("Type: `bytes` (media type: `application/pdf`)\n\n## Data structure"));
    let raw = &files["docs/management-client/default/raw.md"];
    assert!(raw.contains("| body | file | No "), "{raw}");
    assert!(raw.contains("The bytes"));
    assert!(raw.contains("## Request response\n\nThe response has no body.\n\n## Data structure\n"));
}

#[test]
fn descriptions_carry_enum_values_deprecation_and_limits() {
    let mut api = empty_api();
    let color = add_type(&mut api, enum_def("Color", &["RED", "GREEN"]));
    let mut colors = field("colors", Ty::Array(Box::new(Ty::Named(color))), false);
    colors.description = Some("Colors | paints\nsecond line".into());
    colors.deprecated = true;
    colors.constraints.min_items = Some(1);
    colors.constraints.max_items = Some(3);
    let mut named = field("named", Ty::Named(color), false);
    named.description = Some("`RED` or `GREEN`".into());
    let blank = add_type(&mut api, enum_def("Blank", &["x", ""]));
    let blank = field("blank", Ty::Named(blank), false);
    let req = add_type(&mut api, struct_def("Req", vec![colors, named, blank]));
    let mut op = operation("paint", HttpMethod::Post, "/paint");
    op.body = json_body(Ty::Named(req));
    api.operations.push(op);
    let page = only_page(&api);
    assert!(page.contains(
        "| Colors \\| paints<br>second line<br>Allowed values: `RED`, `GREEN`<br>Deprecated.<br>\
         Array length: 1 to 3 |"
    ));
    assert!(page.contains("| `RED` or `GREEN` "));
    assert!(page.contains("| Allowed values: `x`, `\"\"` "), "{page}");
}

#[test]
fn index_and_sidebar_group_pages_by_tag() {
    let mut api = seed_api();
    api.tags = vec![Tag {
        name: "Declared Tag".into(),
        description: Some("About it.".into()),
    }];
    let mut declared = operation("listThings", HttpMethod::Get, "/things");
    declared.tags = vec!["Declared Tag".into()];
    let mut chinese = operation("getZh", HttpMethod::Get, "/zh/{id}");
    chinese.tags = vec!["用户 管理/子组".into()];
    chinese.summary = Some("获取".into());
    let untagged = operation("ping", HttpMethod::Get, "/ping");
    api.operations.extend([declared, chinese, untagged]);
    let files = emit_docs(&api);
    let keys: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "docs/management-client/README.md",
            "docs/management-client/declared-tag/things.md",
            "docs/management-client/default/ping.md",
            "docs/management-client/sidebar.json",
            "docs/management-client/user-information/update-phone.md",
            "docs/management-client/用户-管理/zh-id.md",
        ]
    );
    let readme = &files["docs/management-client/README.md"];
    let headings: Vec<&str> = readme.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# ManagementClient API reference",
            "## Declared Tag",
            "## User information/Modify email",
            "## 用户 管理/子组",
            "## default",
        ]
    );
    assert!(readme.contains("## Declared Tag\n\nAbout it.\n\n| Method"));
    assert!(readme.contains(
        "| [`update_phone`](user-information/update-phone.md) | `POST /api/v3/update-phone` | \
         Modify mobile phone number |"
    ));
    let sidebar: serde_json::Value =
        serde_json::from_str(&files["docs/management-client/sidebar.json"]).expect("valid JSON");
    assert_eq!(sidebar[0]["title"], "Declared Tag");
    assert_eq!(sidebar[0]["children"][0]["title"], "list_things");
    assert_eq!(sidebar[2]["children"][0]["path"], "用户-管理/zh-id.md");
    assert_eq!(sidebar[3]["title"], "default");
}

#[test]
fn samples_of_wide_type_graphs_stay_small() {
    let mut api = empty_api();
    let mut next = add_type(
        &mut api,
        struct_def("Leaf", vec![field("v", integer(), true)]),
    );
    for level in 0..12 {
        let fields = vec![
            field("left", Ty::Named(next), true),
            field("right", Ty::Named(next), true),
        ];
        next = add_type(&mut api, struct_def(&format!("Level{level}"), fields));
    }
    let mut op = operation("getTree", HttpMethod::Get, "/tree");
    op.responses = vec![ok_json(Ty::Named(next))];
    api.operations.push(op);
    let page = only_page(&api);
    let sample = page.split("```json\n").nth(1).expect("a sample");
    let lines = sample.lines().take_while(|l| *l != "```").count();
    // Every field once would be 2^12 leaves; the sample stops at 128 fields.
    assert!((100..=300).contains(&lines), "{lines} lines");
}

#[test]
fn only_authing_pages_carry_the_factory_banner() {
    let mut api = seed_api();
    let authing = only_page(&api);
    assert!(authing.contains("authing-docs-factory") && authing.contains("<LastUpdated />"));
    api.client.kind = ClientKind::Generic;
    let generic = only_page(&api);
    assert!(!generic.contains("authing-docs-factory"), "{generic}");
    assert!(!generic.contains("<LastUpdated />"), "{generic}");
    assert!(generic.starts_with(
        "# Modify mobile phone number\n\n<!-- Generated from the OpenAPI spec by `cargo xtask codegen`: do not edit by hand. -->\n\n"
    ));
}
