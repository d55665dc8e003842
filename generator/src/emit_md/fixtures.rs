//! The operations of the reference pages, built by hand for the docs tests.

pub use crate::model::fixtures::*;
use crate::model::*;
use serde_json::{json, Value};

/// The four fields every Authing response starts with, worded as on the given page.
pub fn common_fields(status: &str, message: &str, api_code: &str, request_id: &str) -> Vec<Field> {
    vec![
        described("statusCode", integer(), true, status, json!(200)),
        described(
            "message",
            string(),
            true,
            message,
            json!("Operation successful"),
        ),
        described("apiCode", integer(), false, api_code, Value::Null),
        described(
            "requestId",
            string(),
            false,
            request_id,
            json!("934108e5-9fbf-4d24-8da1-c330328abd6c"),
        ),
    ]
}

/// The operation of the seed page (`update_phone`), alone in its API.
pub fn seed_api() -> Api {
    let mut api = empty_api();
    let token = described(
        "updatePhoneToken",
        string(),
        true,
        "Token used to temporarily modify the phone number, which can be obtained from the \
         **Initiate verification request to modify the phone number** interface.",
        json!("xxxx"),
    );
    let dto = add_type(&mut api, struct_def("UpdatePhoneDto", vec![token]));
    let response = add_type(
        &mut api,
        struct_def(
            "CommonResponseDto",
            common_fields(
                "Business status code, which can be used to determine whether the operation is \
                 successful, 200 means success.",
                "description",
                "subdivision error code, which can be used to get the specific error type.",
                "request ID. It will be returned when the request fails.",
            ),
        ),
    );
    let mut op = operation(
        "ProfileV3Controller_updatePhone",
        HttpMethod::Post,
        "/api/v3/update-phone",
    );
    op.summary = Some("Modify mobile phone number".into());
    op.description = Some(
        "When the end user modifies the mobile phone number on his own, he needs to provide the \
         corresponding verification method, see [Initiate verification request to modify mobile \
         phone number](#tag/user information/modify email/operation/\
         ProfileV3Controller_updatePhoneVerification).\nThis parameter needs to provide a \
         one-time temporary credential `updatePhoneToken`, and this data needs to be obtained \
         from the **Initiate verification request to modify mobile phone number** interface.\n"
            .into(),
    );
    op.tags = vec!["User information/Modify email".into()];
    op.body = json_body(Ty::Named(dto));
    op.responses = vec![ok_json(Ty::Named(response))];
    api.operations.push(op);
    api
}

/// The fields of `UpdatePhoneByPhonePassCodeDto`, worded as on the reference page.
fn pass_code_fields() -> Vec<Field> {
    let country_code =
        "Phone area code. Mainland China phone numbers can be left blank. GenAuth SMS \
        service does not currently support international phone numbers. You need to configure the \
        corresponding international SMS service in the GenAuth console. A complete list of mobile \
        phone area codes can be found at \
        https://en.wikipedia.org/wiki/List_of_country_calling_codes.";
    let required_if = "If the user pool enables verification of the previous phone number when \
        modifying the phone number, this parameter is required.";
    vec![
        described(
            "newPhoneNumber",
            string(),
            true,
            "New phone number, without area code. If it is an international phone number, please \
             specify the area code in the newPhoneCountryCode parameter.",
            json!("188xxxx8888"),
        ),
        described(
            "newPhonePassCode",
            string(),
            true,
            "Verification code",
            json!("123456"),
        ),
        described(
            "newPhoneCountryCode",
            string(),
            false,
            country_code,
            json!("+86"),
        ),
        described(
            "oldPhoneNumber",
            string(),
            false,
            &format!(
                "Old phone number, without area code. If it is an international phone number, \
                 please specify the area code in the oldPhoneCountryCode parameter. {required_if}"
            ),
            json!("188xxxx8888"),
        ),
        described(
            "oldPhonePassCode",
            string(),
            false,
            &format!("Verification code for the old phone number. {required_if}"),
            json!("123456"),
        ),
        described(
            "oldPhoneCountryCode",
            string(),
            false,
            country_code,
            json!("+86"),
        ),
    ]
}

/// The operation of `docs-en/verify-update-phone-request.md`, alone in its API.
pub fn verify_api() -> Api {
    let mut api = empty_api();
    let pass_code = pass_code_fields();
    let pass_code = add_type(
        &mut api,
        struct_def("UpdatePhoneByPhonePassCodeDto", pass_code),
    );
    let method = add_type(&mut api, enum_def("VerifyMethod", &["PHONE_PASSCODE"]));
    let mut payload = field("phonePassCodePayload", Ty::Named(pass_code), true);
    payload.description =
        Some("Data verified using the phone number verification code method".into());
    let mut verify_method = field("verifyMethod", Ty::Named(method), true);
    verify_method.description = Some(
        "Modify the verification method for the phone number:\n- `PHONE_PASSCODE`: Use SMS \
         verification code to verify, currently only this method is supported. \n"
            .into(),
    );
    let request = add_type(
        &mut api,
        struct_def("VerifyUpdatePhoneRequestDto", vec![payload, verify_method]),
    );
    let data = add_type(
        &mut api,
        struct_def(
            "VerifyUpdatePhoneRequestData",
            vec![
                described(
                    "updatePhoneToken",
                    string(),
                    true,
                    "Token for modifying the current phone number. You need to use this token to \
                     request the **Modify Phone Number** interface.",
                    Value::Null,
                ),
                described(
                    "tokenExpiresIn",
                    integer(),
                    true,
                    "Expiration time, in seconds.",
                    Value::Null,
                ),
            ],
        ),
    );
    let mut fields = common_fields(
        "Business status code, which can be used to determine whether the operation is \
         successful. 200 means success.",
        "Description",
        "Segmented error code, which can be used to get the specific error type.",
        "Request ID. Returned when the request fails.",
    );
    fields.push(described(
        "data",
        Ty::Named(data),
        true,
        "Response data",
        Value::Null,
    ));
    let response = add_type(
        &mut api,
        struct_def("VerifyUpdatePhoneRequestRespDto", fields),
    );
    let mut op = operation(
        "ProfileV3Controller_verifyUpdatePhoneRequest",
        HttpMethod::Post,
        "/api/v3/verify-update-phone-request",
    );
    op.summary = Some("Initiate a verification request to modify the mobile phone number".into());
    op.description = Some(
        "When the end user changes the mobile phone number on his own, he needs to provide the \
         corresponding verification method. This interface is used to verify whether the user's \
         request to modify the mobile phone number is legal. Currently, verification is supported \
         by **SMS verification code**. You need to call the SMS interface to send the \
         corresponding SMS verification code first."
            .into(),
    );
    op.tags = vec!["User information/Modify phone".into()];
    op.body = json_body(Ty::Named(request));
    op.responses = vec![ok_json(Ty::Named(response))];
    api.operations.push(op);
    api
}

/// Wide characters, pipes, backticks, samples of every shape and a union, in Chinese.
pub fn tricky_api() -> Api {
    let mut api = empty_api();
    api.docs.language = Language::ZhCn;
    let long = "很长的中文字符串".repeat(3);
    let item = add_type(
        &mut api,
        struct_def(
            "Item",
            vec![described(
                "名字",
                string(),
                true,
                "名字 | 别名",
                json!("张三"),
            )],
        ),
    );
    let mut other = struct_def(
        "Other",
        vec![described("n", integer(), false, "数", json!(0))],
    );
    other.description = Some("另一种。".into());
    let other = add_type(&mut api, other);
    let union = add_type(&mut api, either(item, other));
    let fields = vec![
        described(
            "ids",
            Ty::Array(Box::new(string())),
            true,
            "编号",
            json!(["a|b", "c`d"]),
        ),
        described(
            "nums",
            Ty::Array(Box::new(integer())),
            false,
            "",
            json!((0..40).collect::<Vec<_>>()),
        ),
        described(
            "words",
            Ty::Array(Box::new(string())),
            false,
            "词",
            json!([long, long, long]),
        ),
        described("flag", Ty::Boolean, false, "是否 ⚠️ 启用", json!(false)),
        described(
            "items",
            Ty::Array(Box::new(Ty::Named(item))),
            false,
            "列表",
            Value::Null,
        ),
        described("either", Ty::Named(union), false, "二选一", Value::Null),
        described(
            "map",
            Ty::Map(Box::new(Ty::Any)),
            false,
            "a\\|b",
            json!({"k": [1, 2]}),
        ),
    ];
    let resp = add_type(&mut api, struct_def("Resp", fields));
    let mut op = operation("getTricky", HttpMethod::Get, "/tricky/{id}");
    op.params = vec![
        tricky_param("id", ParamLocation::Path, json!("x|y"), None),
        tricky_param("q", ParamLocation::Query, json!("``"), Some(json!("*"))),
        tricky_param(
            "语言",
            ParamLocation::Header,
            json!("中文"),
            Some(json!("zh-CN")),
        ),
    ];
    op.summary = Some("复杂 | 页面".into());
    op.description = Some("第一行\n\n\n第二行 `code`".into());
    op.tags = vec!["标签".into()];
    op.responses = vec![ok_json(Ty::Named(resp))];
    op.docs_example = true;
    api.operations.push(op);
    api
}

fn tricky_param(
    wire: &str,
    location: ParamLocation,
    example: Value,
    default: Option<Value>,
) -> Param {
    Param {
        name: name(wire, wire),
        location,
        required: location == ParamLocation::Path,
        ty: string(),
        style: ParamStyle::Simple,
        explode: false,
        description: Some("参数 `a|b` 说明\n第二行".into()),
        deprecated: false,
        example: Some(Box::new(example)),
        default: default.map(Box::new),
        secret: false,
        constraints: Default::default(),
    }
}

/// A union of two structs, told apart by `kind`.
fn either(item: TypeId, other: TypeId) -> TypeDef {
    TypeDef {
        name: name("Either", "Either"),
        description: None,
        example: None,
        kind: TypeKind::Union(Union {
            variants: vec![
                UnionVariant {
                    name: name("item", "Item"),
                    ty: Ty::Named(item),
                },
                UnionVariant {
                    name: name("other", "Other"),
                    ty: Ty::Named(other),
                },
            ],
            discriminator: Some(Discriminator {
                property: "kind".into(),
            }),
        }),
        constraints: Default::default(),
        pointer: String::new(),
    }
}

/// All files of the docs, made by the pipeline as `generate_file` makes them.
pub fn emit_docs(api: &Api) -> std::collections::BTreeMap<String, String> {
    use crate::pipeline::{run, Input, Watch};
    let input = Input::Api(Box::new(api.clone()), Default::default());
    let output = run(input, &Default::default(), &mut Watch::plain(&mut |_| {}));
    let files = output.unwrap_or_else(|d| panic!("{d}")).files;
    files
        .into_iter()
        .filter(|(path, _)| path.starts_with("docs/"))
        .collect()
}
