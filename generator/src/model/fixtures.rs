//! Hand-built models for the tests: small builders of every part of the model.

use crate::model::*;
use serde_json::{json, Value};

pub fn name(wire: &str, rust: &str) -> Name {
    Name {
        wire: wire.into(),
        rust: rust.into(),
    }
}

pub fn empty_api() -> Api {
    Api {
        title: "Test API".into(),
        version: "1.0.0".into(),
        description: None,
        client: ClientInfo {
            name: "ManagementClient".into(),
            kind: ClientKind::AuthingManagement,
            crate_ident: "generated_client".into(),
        },
        base_url: None,
        docs: DocsSettings {
            language: Language::En,
            examples: false,
        },
        security_schemes: Vec::new(),
        default_security: Vec::new(),
        tags: Vec::new(),
        operations: Vec::new(),
        types: Vec::new(),
        names: Default::default(),
    }
}

pub fn add_type(api: &mut Api, def: TypeDef) -> TypeId {
    api.types.push(def);
    TypeId(api.types.len() - 1)
}

pub fn struct_def(rust: &str, fields: Vec<Field>) -> TypeDef {
    TypeDef {
        name: name(rust, rust),
        description: None,
        example: None,
        kind: TypeKind::Struct(Struct {
            fields,
            additional: None,
        }),
        constraints: Default::default(),
        pointer: format!("#/components/schemas/{rust}"),
    }
}

pub fn enum_def(rust: &str, values: &[&str]) -> TypeDef {
    let variants = values
        .iter()
        .map(|v| EnumVariant {
            name: name(v, &names::pascal(v)),
            value: json!(v),
        })
        .collect();
    TypeDef {
        name: name(rust, rust),
        description: None,
        example: None,
        kind: TypeKind::Enum(Enum {
            repr: EnumRepr::String,
            variants,
        }),
        constraints: Default::default(),
        pointer: String::new(),
    }
}

pub fn field(wire: &str, ty: Ty, required: bool) -> Field {
    Field {
        name: name(wire, &names::snake(wire)),
        ty,
        required,
        description: None,
        example: None,
        default: None,
        read_only: false,
        write_only: false,
        deprecated: false,
        secret: false,
        constraints: Default::default(),
    }
}

pub fn with_example(mut field: Field, example: Value) -> Field {
    field.example = Some(Box::new(example));
    field
}

/// A field with a description and, unless `Value::Null`, an example.
pub fn described(wire: &str, ty: Ty, required: bool, description: &str, example: Value) -> Field {
    let mut f = field(wire, ty, required);
    f.description = Some(description.into());
    if !example.is_null() {
        f.example = Some(Box::new(example));
    }
    f
}

pub fn string() -> Ty {
    Ty::String(StringFormat::Plain)
}

pub fn integer() -> Ty {
    Ty::Integer(IntFormat::I64)
}

pub fn operation(operation_id: &str, method: HttpMethod, path: &str) -> Operation {
    Operation {
        name: name(operation_id, &names::method_name(operation_id)),
        method,
        path: path.into(),
        summary: None,
        description: None,
        tags: Vec::new(),
        deprecated: false,
        params: Vec::new(),
        body: None,
        responses: Vec::new(),
        security: None,
        docs_example: false,
        pagination: None,
        pointer: String::new(),
    }
}

pub fn json_body(ty: Ty) -> Option<RequestBody> {
    Some(RequestBody {
        part_types: Vec::new(),
        required: true,
        description: None,
        media_type: "application/json".into(),
        kind: BodyKind::Json,
        ty,
    })
}

pub fn ok_json(ty: Ty) -> Response {
    Response {
        status: StatusCode::Code(200),
        description: None,
        body: Some(ResponseBody {
            media_type: "application/json".into(),
            kind: BodyKind::Json,
            ty,
        }),
    }
}
