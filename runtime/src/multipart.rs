//! A small `multipart/form-data` body builder whose parts can be sent again on retry.

use std::fmt;

use bytes::Bytes;
use reqwest::multipart::{Form, Part};
use serde::Serialize;

use super::error::{Error, Result};

/// A `multipart/form-data` body: text fields, files and JSON parts, in order.
#[derive(Clone, Default)]
pub struct Multipart {
    parts: Vec<PartSpec>,
    error: Option<String>,
}

#[derive(Clone)]
struct PartSpec {
    name: String,
    data: Bytes,
    filename: Option<String>,
    content_type: Option<String>,
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a plain text field.
    pub fn text(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let value: String = value.into();
        self.push(name.into(), Bytes::from(value), None, None)
    }

    /// Adds a file with its file name and media type, e.g. `image/png`.
    pub fn file(
        self,
        name: impl Into<String>,
        filename: impl Into<String>,
        data: impl Into<Bytes>,
        content_type: impl Into<String>,
    ) -> Self {
        let ct = Some(content_type.into());
        self.push(name.into(), data.into(), Some(filename.into()), ct)
    }

    /// Adds a part holding `value` as JSON; an encoding failure surfaces when the request is sent.
    pub fn json<T: Serialize + ?Sized>(mut self, name: impl Into<String>, value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(json) => {
                let ct = Some("application/json".to_owned());
                self.push(name.into(), Bytes::from(json), None, ct)
            }
            Err(err) => {
                self.error.get_or_insert_with(|| err.to_string());
                self
            }
        }
    }

    fn push(
        mut self,
        name: String,
        data: Bytes,
        filename: Option<String>,
        content_type: Option<String>,
    ) -> Self {
        self.parts.push(PartSpec {
            name,
            data,
            filename,
            content_type,
        });
        self
    }

    /// The first error met while building, if any.
    pub(super) fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// A fresh reqwest form (forms are consumed by sending, so each attempt makes one).
    pub(super) fn to_form(&self) -> Result<Form> {
        let mut form = Form::new();
        for spec in &self.parts {
            let len = spec.data.len() as u64;
            let mut part = Part::stream_with_length(reqwest::Body::from(spec.data.clone()), len);
            if let Some(filename) = &spec.filename {
                part = part.file_name(filename.clone());
            }
            if let Some(ct) = &spec.content_type {
                part = part.mime_str(ct).map_err(|_| {
                    Error::encode(format!(
                        "invalid content type {ct:?} for part {}",
                        spec.name
                    ))
                })?;
            }
            form = form.part(spec.name.clone(), part);
        }
        Ok(form)
    }
}

impl fmt::Debug for Multipart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.parts.iter().map(|p| p.name.as_str()).collect();
        f.debug_struct("Multipart").field("parts", &names).finish()
    }
}
