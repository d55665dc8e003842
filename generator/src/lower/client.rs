//! Spec-wide settings: the client's name and kind, docs language and examples, security schemes.

use super::Lowerer;
use crate::load::Document;
use crate::model::names::pascal;
use crate::model::*;
use crate::Options;
use openapiv3::{APIKeyLocation, ReferenceOr, SecurityScheme as RawScheme};
use serde_json::Value;

/// Info extensions this generator reads.
pub const EXT_CLIENT_NAME: &str = "x-sdk-client-name";
pub const EXT_CLIENT_KIND: &str = "x-sdk-client-kind";
pub const EXT_DOCS_LANGUAGE: &str = "x-sdk-docs-language";
pub const EXT_DOCS_EXAMPLES: &str = "x-sdk-docs-examples";

pub fn client_and_docs(doc: &Document, options: &Options) -> (ClientInfo, DocsSettings) {
    let info = doc.info();
    let ext = |key: &str| info.extensions.get(key);
    let kind = match ext(EXT_CLIENT_KIND).and_then(Value::as_str) {
        Some("authing-management") => ClientKind::AuthingManagement,
        Some("authing-authentication") => ClientKind::AuthingAuthentication,
        Some(_) => ClientKind::Generic,
        None => kind_from_title(&info.title),
    };
    let name = options
        .client_name
        .clone()
        .or_else(|| {
            ext(EXT_CLIENT_NAME)
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .map(|n| pascal(&n))
        .unwrap_or_else(|| default_client_name(kind, &info.title));
    let language = options
        .language
        .or_else(|| match ext(EXT_DOCS_LANGUAGE).and_then(Value::as_str) {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Some(Language::ZhCn),
            Some(_) => Some(Language::En),
            None => None,
        })
        .unwrap_or_else(|| {
            if info.title.chars().any(is_cjk) {
                Language::ZhCn
            } else {
                Language::En
            }
        });
    let examples = ext(EXT_DOCS_EXAMPLES)
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let crate_ident = options.crate_name.replace('-', "_");
    (
        ClientInfo {
            name,
            kind,
            crate_ident,
        },
        DocsSettings { language, examples },
    )
}

/// The docs factory's rule for Authing's titles.
fn kind_from_title(title: &str) -> ClientKind {
    let lower = title.to_lowercase();
    if !lower.contains("authing") {
        return ClientKind::Generic;
    }
    if lower.contains("管理") || lower.contains("management") {
        ClientKind::AuthingManagement
    } else if lower.contains("认证") || lower.contains("authentication") {
        ClientKind::AuthingAuthentication
    } else {
        ClientKind::Generic
    }
}

fn default_client_name(kind: ClientKind, title: &str) -> String {
    match kind {
        ClientKind::AuthingManagement => "ManagementClient".into(),
        ClientKind::AuthingAuthentication => "AuthenticationClient".into(),
        ClientKind::Generic => {
            let base = pascal(title);
            let base = if base == "Empty" {
                "Api".to_owned()
            } else {
                base
            };
            if base.ends_with("Client") {
                base
            } else {
                format!("{base}Client")
            }
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{3040}'..='\u{30FF}' | '\u{AC00}'..='\u{D7AF}')
}

/// A server URL with its variables filled in by their defaults.
pub fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    if let Some(vars) = &server.variables {
        for (name, var) in vars {
            url = url.replace(&format!("{{{name}}}"), &var.default);
        }
    }
    url
}

pub fn requirements(security: &[openapiv3::SecurityRequirement]) -> Vec<SecurityRequirement> {
    security
        .iter()
        .map(|req| SecurityRequirement {
            schemes: req.keys().cloned().collect(),
        })
        .collect()
}

impl<'d> Lowerer<'d> {
    pub fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let doc = self.doc;
        let Some(components) = doc.components() else {
            return Vec::new();
        };
        let mut scope = crate::model::names::Scope::new();
        let mut out = Vec::new();
        for (key, scheme) in &components.security_schemes {
            let pointer = crate::pointer::child("#/components/securitySchemes", key);
            let ReferenceOr::Item(scheme) = scheme else {
                self.warn(
                    &pointer,
                    "referenced security schemes are not supported; skipped",
                );
                continue;
            };
            let (kind, description) = match scheme {
                RawScheme::HTTP {
                    scheme,
                    description,
                    ..
                } => match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => (SecurityKind::Bearer, description),
                    "basic" => (SecurityKind::Basic, description),
                    other => {
                        self.warn(
                            &pointer,
                            format!("http scheme {other:?} is not supported; skipped"),
                        );
                        continue;
                    }
                },
                RawScheme::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => {
                    let location = match location {
                        APIKeyLocation::Header => ApiKeyLocation::Header,
                        APIKeyLocation::Query => ApiKeyLocation::Query,
                        APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
                    };
                    (
                        SecurityKind::ApiKey {
                            location,
                            param: name.clone(),
                        },
                        description,
                    )
                }
                RawScheme::OAuth2 { description, .. }
                | RawScheme::OpenIDConnect { description, .. } => {
                    (SecurityKind::Bearer, description)
                }
            };
            let rust = scope.claim(&crate::model::names::snake(key)).0;
            out.push(SecurityScheme {
                name: Name {
                    wire: key.clone(),
                    rust,
                },
                kind,
                description: description.clone(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authing_titles_name_their_clients() {
        assert_eq!(
            kind_from_title("Authing 管理 API"),
            ClientKind::AuthingManagement
        );
        assert_eq!(
            kind_from_title("Authing 用户认证 API"),
            ClientKind::AuthingAuthentication
        );
        assert_eq!(
            kind_from_title("Authing Management API"),
            ClientKind::AuthingManagement
        );
        assert_eq!(kind_from_title("Swagger Petstore"), ClientKind::Generic);
        assert_eq!(
            default_client_name(ClientKind::Generic, "Swagger Petstore"),
            "SwaggerPetstoreClient"
        );
        assert_eq!(
            default_client_name(ClientKind::Generic, "Keeper Client"),
            "KeeperClient"
        );
        assert_eq!(
            default_client_name(ClientKind::Generic, "中文"),
            "ApiClient"
        );
    }
}
