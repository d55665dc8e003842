//! The surface's facts about streams, on the `streams` feature fixture: which results stream,
//! what binary inputs take, and each multipart file part's media type.

use super::*;

fn surface_of<T>(with: impl FnOnce(&Surface) -> T) -> T {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/features/streams.yaml");
    let doc = crate::load_file(&path).unwrap();
    let api = crate::lower::lower(&doc, &crate::Options::default())
        .unwrap()
        .0;
    with(&Surface::new(&api))
}

fn op<'s>(surface: &'s Surface, method: &str) -> &'s OpShape {
    surface.ops.iter().find(|o| o.method == method).unwrap()
}

#[test]
fn binary_results_also_stream_and_events_are_event_streams() {
    surface_of(|s| {
        let download = op(s, "download_file");
        assert!(download.streams);
        assert_eq!(download.returns.ty(), RustType::Bytes);
        let ticks = op(s, "watch_ticks");
        assert!(!ticks.streams);
        assert_eq!(ticks.returns.ty().to_string(), "EventStream<Tick>");
        let log = op(s, "follow_log");
        assert_eq!(log.returns.ty().to_string(), "EventStream<String>");
        assert!(matches!(&log.returns, Returns::Body(b) if b.read == Read::Events { text: true }));
        assert!(
            !op(s, "upload_file").streams,
            "a JSON result reads whole only"
        );
    });
}

#[test]
fn binary_inputs_take_byte_streams_and_multipart_files_take_file_parts() {
    surface_of(|s| {
        let upload = op(s, "upload_file");
        let body = upload.args.iter().find(|a| a.input == Input::Body).unwrap();
        assert_eq!(body.ty, RustType::ByteStream);
        let photo = op(s, "upload_photo");
        assert_eq!(
            photo.part_type("photo"),
            "image/png",
            "encoding.contentType"
        );
        assert_eq!(photo.part_type("other"), "application/octet-stream");
        let shape = s
            .types
            .iter()
            .find(|t| t.name == "UploadPhotoBody")
            .unwrap();
        let ShapeKind::Struct(body) = &shape.kind else {
            panic!("a struct")
        };
        let file = body.fields.iter().find(|f| f.wire == "photo").unwrap();
        assert_eq!(file.ty, RustType::FilePart);
        assert!(!file.bytes_as_text);
    });
}
