//! A small `multipart/form-data` body builder: text, JSON and file parts, each file part from
//! bytes, a file or a stream.

use std::fmt;

use bytes::Bytes;
use reqwest::multipart::{Form, Part};
use serde::Serialize;

use super::error::{Error, Result};
use super::stream::ByteStream;
use super::upload::Progress;

/// A `multipart/form-data` body: text fields, files and JSON parts, in order.
#[derive(Clone, Default)]
pub struct Multipart {
    parts: Vec<PartSpec>,
    error: Option<String>,
}

#[derive(Clone)]
struct PartSpec {
    name: String,
    data: ByteStream,
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
        self.push(name.into(), ByteStream::from(value), None, None)
    }

    /// Adds a file with its file name and media type, e.g. `image/png`.
    pub fn file(
        self,
        name: impl Into<String>,
        filename: impl Into<String>,
        data: impl Into<ByteStream>,
        content_type: impl Into<String>,
    ) -> Self {
        let ct = Some(content_type.into());
        self.push(name.into(), data.into(), Some(filename.into()), ct)
    }

    /// Adds a file part: its file name is the part's own, else `name`; its media type is the
    /// part's own, else `content_type` (what the API declares for it).
    pub fn file_part(self, name: &str, part: &FilePart, content_type: &str) -> Self {
        let filename = part.filename.as_deref().unwrap_or(name).to_owned();
        let ct = part
            .content_type
            .as_deref()
            .unwrap_or(content_type)
            .to_owned();
        self.push(name.to_owned(), part.body.clone(), Some(filename), Some(ct))
    }

    /// Whether some part is sent from a file or a stream.
    pub(super) fn streams(&self) -> bool {
        self.parts.iter().any(|p| p.data.as_bytes().is_none())
    }

    /// Whether every part can be sent again (no part is a stream read once).
    pub fn is_replayable(&self) -> bool {
        self.parts.iter().all(|p| p.data.is_replayable())
    }

    /// Adds a part holding `value` as JSON; an encoding failure surfaces when the request is sent.
    pub fn json<T: Serialize + ?Sized>(mut self, name: impl Into<String>, value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(json) => {
                let ct = Some("application/json".to_owned());
                self.push(name.into(), ByteStream::from(Bytes::from(json)), None, ct)
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
        data: ByteStream,
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
    pub(super) fn to_form(&self, progress: &Progress) -> Result<Form> {
        let mut form = Form::new();
        for spec in &self.parts {
            let body = spec.data.to_reqwest(progress);
            let mut part = match spec.data.len() {
                Some(len) => Part::stream_with_length(body, len),
                None => Part::stream(body),
            };
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

/// A file sent as a multipart part: its bytes (from memory, a file or a stream), and optionally
/// its file name and media type. Without them, the part is named after its field and has the
/// media type the API declares (`encoding.contentType`), else `application/octet-stream`.
///
/// ```
/// # use sdk_runtime::FilePart;
/// let part = FilePart::new(b"%PDF-1.7 ...".to_vec())
///     .filename("report.pdf")
///     .content_type("application/pdf");
/// # let _ = part;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilePart {
    body: ByteStream,
    filename: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A part holding `body`; `ByteStream::from_path(path).await?` streams a file.
    pub fn new(body: impl Into<ByteStream>) -> Self {
        FilePart {
            body: body.into(),
            filename: None,
            content_type: None,
        }
    }

    /// Sets the file name sent with the part.
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// Sets the part's media type, e.g. `image/png`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The part's bytes.
    pub fn body(&self) -> &ByteStream {
        &self.body
    }
}

/// In JSON, a file part in memory is the string of its UTF-8 (as generated types write bytes);
/// a file or a stream has no JSON form.
impl Serialize for FilePart {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self.body.as_bytes() {
            Some(bytes) => serializer.serialize_str(&String::from_utf8_lossy(bytes)),
            None => Err(serde::ser::Error::custom(
                "a file part read from a file or a stream has no JSON form",
            )),
        }
    }
}

impl<'de> serde::Deserialize<'de> for FilePart {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(FilePart::new(text.into_bytes()))
    }
}

impl From<ByteStream> for FilePart {
    fn from(body: ByteStream) -> Self {
        FilePart::new(body)
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(body: Vec<u8>) -> Self {
        FilePart::new(body)
    }
}

impl From<Bytes> for FilePart {
    fn from(body: Bytes) -> Self {
        FilePart::new(body)
    }
}
