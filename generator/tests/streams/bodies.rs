//! Downloads and uploads of 1 GiB through the generated client: streamed in bounded memory,
//! buffered within the cap, checked byte for byte by the other side.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

use super::api::{client, types::UploadPhotoBody};
use super::rss::{child_server, in_child, printed, report_peak, GIB, MIB, SERVER};
use super::runtime::{ByteStream, Error, FilePart, StreamExt};
use super::server::{block, read_body, reply_json, start, Digest, Head, BLOCK};

/// What the server saw of a body, by path.
#[derive(Default, Debug, Clone)]
struct Upload {
    digest: String,
    content_type: Option<String>,
    filename: Option<String>,
}

#[derive(Default)]
struct Seen {
    /// The digest of each body sent, by path.
    sent: Vec<(String, String)>,
    uploads: Vec<(String, Upload)>,
}

type Shared = Arc<Mutex<Seen>>;

/// `GET /files/{big,fifty,unsized}` sends 1 GiB, 50 MB, or 1 GiB without a length; `PUT
/// /files/*` and `POST /photos` digest the body (of the one file part) and say what they got.
async fn server() -> (String, Shared) {
    let seen = Shared::default();
    let state = Arc::clone(&seen);
    let url = start(move |head, stream| serve(head, stream, Arc::clone(&state))).await;
    (url, seen)
}

async fn serve(head: Head, mut stream: TcpStream, seen: Shared) {
    match (head.method.as_str(), head.path.as_str()) {
        ("GET", "/files/big") => send_blocks(&mut stream, GIB, true, &seen, "big").await,
        ("GET", "/files/fifty") => send_blocks(&mut stream, FIFTY, true, &seen, "fifty").await,
        ("GET", "/files/unsized") => send_blocks(&mut stream, GIB, false, &seen, "unsized").await,
        ("PUT", _) => {
            let mut digest = Digest::default();
            read_body(&head, &mut stream, |bytes| digest.update(bytes)).await;
            let upload = Upload {
                digest: digest.finish(),
                content_type: head.header("content-type").map(str::to_owned),
                filename: None,
            };
            receipt(&mut stream, &seen, &head.path, upload).await;
        }
        ("POST", "/photos") => {
            let upload = read_multipart(&head, &mut stream).await;
            receipt(&mut stream, &seen, &head.path, upload).await;
        }
        other => panic!("unexpected request {other:?}"),
    }
}

async fn receipt(stream: &mut TcpStream, seen: &Shared, path: &str, upload: Upload) {
    let size: u64 = upload.digest.rsplit('-').next().unwrap().parse().unwrap();
    let body = serde_json::json!({"size": size, "sha256": upload.digest});
    seen.lock().unwrap().uploads.push((path.to_owned(), upload));
    reply_json(stream, &body).await;
}

/// About 50 MB, in whole blocks.
const FIFTY: u64 = 763 * BLOCK as u64;

/// Sends `len` bytes of blocks, with or without `Content-Length`; records the digest of what
/// the client took (all of it, or what was written before it hung up).
async fn send_blocks(stream: &mut TcpStream, len: u64, sized: bool, seen: &Shared, name: &str) {
    let length = if sized {
        format!("content-length: {len}\r\n")
    } else {
        String::new()
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\n{length}connection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut digest = Digest::default();
    for i in 0..len / BLOCK as u64 {
        let chunk = block(i);
        if stream.write_all(&chunk).await.is_err() {
            break;
        }
        digest.update(&chunk);
    }
    let _ = stream.shutdown().await;
    seen.lock()
        .unwrap()
        .sent
        .push((name.to_owned(), digest.finish()));
}

/// Reads a `multipart/form-data` body with one part, streaming: the part's headers, then its
/// bytes up to the closing boundary.
async fn read_multipart(head: &Head, stream: &mut TcpStream) -> Upload {
    let content_type = head.header("content-type").unwrap();
    let boundary = content_type.split("boundary=").nth(1).unwrap().to_owned();
    let closing = format!("\r\n--{boundary}--\r\n").into_bytes();
    let mut headers: Option<String> = None;
    let mut pending = Vec::new();
    let mut digest = Digest::default();
    read_body(head, stream, |bytes| {
        pending.extend_from_slice(bytes);
        if headers.is_none() {
            let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") else {
                return;
            };
            headers = Some(String::from_utf8_lossy(&pending[..end]).into_owned());
            pending.drain(..end + 4);
        }
        if pending.len() > closing.len() {
            let ready = pending.len() - closing.len();
            digest.update(&pending[..ready]);
            pending.drain(..ready);
        }
    })
    .await;
    assert_eq!(pending, closing, "one part, then the closing boundary");
    let headers = headers.expect("part headers");
    let field = |name: &str| {
        let line = headers
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with(name))?;
        Some(line.split_once(':')?.1.trim().to_owned())
    };
    let disposition = field("content-disposition").unwrap_or_default();
    let filename = disposition
        .split("filename=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned);
    Upload {
        digest: digest.finish(),
        content_type: field("content-type"),
        filename,
    }
}

fn sent(seen: &Shared, name: &str) -> String {
    let seen = seen.lock().unwrap();
    let found = seen.sent.iter().find(|(n, _)| n == name);
    found.map(|(_, d)| d.clone()).expect("the server sent it")
}

fn upload(seen: &Shared, path: &str) -> Upload {
    let seen = seen.lock().unwrap();
    let found = seen.uploads.iter().rev().find(|(p, _)| p == path);
    found.map(|(_, u)| u.clone()).expect("the server got it")
}

/// Waits for the server's record of `name` (it finishes writing after the client is done).
async fn sent_eventually(seen: &Shared, name: &str) -> String {
    for _ in 0..1000 {
        if seen.lock().unwrap().sent.iter().any(|(n, _)| n == name) {
            return sent(seen, name);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the server never finished {name}")
}

fn digest_line(stdout: &str) -> &str {
    printed(stdout, "digest")
}

#[tokio::test]
async fn a_1_gib_download_streams_in_under_64_mib() {
    let (url, seen) = server().await;
    let (peak, stdout) = tokio::task::spawn_blocking(move || {
        in_child("bodies::child_download_stream", &[(SERVER, &url)])
    })
    .await
    .unwrap();
    println!(
        "1 GiB streamed download: peak RSS {:.1} MiB",
        peak as f64 / MIB as f64
    );
    assert_eq!(digest_line(&stdout), sent_eventually(&seen, "big").await);
    assert!(digest_line(&stdout).ends_with(&format!("-{GIB}")));
    assert!(peak < 64 * MIB, "peak RSS {peak} bytes");
}

#[tokio::test]
#[ignore = "a child process of a_1_gib_download_streams_in_under_64_mib"]
async fn child_download_stream() {
    let Some(url) = child_server() else { return };
    let mut body = client(&url).download_file("big").stream().await.unwrap();
    assert_eq!(body.len(), Some(GIB));
    let mut digest = Digest::default();
    while let Some(chunk) = body.next().await {
        digest.update(&chunk.unwrap());
    }
    println!("\ndigest={}", digest.finish());
    report_peak();
}

#[tokio::test]
async fn a_buffered_50_mb_body_peaks_under_1_3_times_its_size() {
    let (url, seen) = server().await;
    let (peak, stdout) = tokio::task::spawn_blocking(move || {
        in_child("bodies::child_download_buffered", &[(SERVER, &url)])
    })
    .await
    .unwrap();
    let before: u64 = printed(&stdout, "rss-before").parse().unwrap();
    let grew = peak - before;
    println!(
        "50 MB buffered download: peak RSS {:.1} MiB, {:.1} MiB before the call, growth {:.2}x the body",
        peak as f64 / MIB as f64,
        before as f64 / MIB as f64,
        grew as f64 / FIFTY as f64
    );
    assert_eq!(digest_line(&stdout), sent_eventually(&seen, "fifty").await);
    assert!(
        grew * 10 < FIFTY * 13,
        "grew {grew} bytes for a {FIFTY}-byte body"
    );
}

#[tokio::test]
#[ignore = "a child process of a_buffered_50_mb_body_peaks_under_1_3_times_its_size"]
async fn child_download_buffered() {
    let Some(url) = child_server() else { return };
    let client = client(&url);
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .unwrap();
    let kib: u64 = rss.trim().trim_end_matches("kB").trim().parse().unwrap();
    println!("\nrss-before={}", kib * 1024);
    let body = client.download_file("fifty").await.unwrap();
    let mut digest = Digest::default();
    digest.update(&body);
    println!("\ndigest={}", digest.finish());
    report_peak();
}

#[tokio::test]
async fn a_1_gib_body_buffered_with_the_default_cap_is_too_large_by_64_mib() {
    let (url, seen) = server().await;
    let client = client(&url);
    for name in ["big", "unsized"] {
        let err = client.download_file(name).await.unwrap_err();
        assert!(
            matches!(err, Error::BodyTooLarge { limit, .. } if limit == 64 * MIB),
            "{err:?}"
        );
        let written = sent_eventually(&seen, name).await;
        let written: u64 = written.rsplit('-').next().unwrap().parse().unwrap();
        println!(
            "1 GiB buffered ({name}): BodyTooLarge after the server wrote {:.1} MiB",
            written as f64 / MIB as f64
        );
        // What the client read, plus what the sockets held when it hung up.
        assert!(
            written <= 64 * MIB + 16 * MIB,
            "the server wrote {written} bytes"
        );
    }
}

/// A 1 GiB file of test blocks in the temp folder, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn of_blocks(name: &str, len: u64) -> (TempFile, String) {
        use std::io::Write;
        let path = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let file = TempFile(path);
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file.0).unwrap());
        let mut digest = Digest::default();
        for i in 0..len / BLOCK as u64 {
            let chunk = block(i);
            out.write_all(&chunk).unwrap();
            digest.update(&chunk);
        }
        out.flush().unwrap();
        (file, digest.finish())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[tokio::test]
async fn a_1_gib_file_uploads_from_disk_in_under_64_mib() {
    let (url, seen) = server().await;
    let (file, expected) = TempFile::of_blocks("sdk-upload", GIB);
    let path = file.0.to_string_lossy().into_owned();
    for (child, target) in [
        ("bodies::child_upload_file", "/files/big"),
        ("bodies::child_upload_multipart", "/photos"),
    ] {
        let env = [(SERVER, url.clone()), ("STREAMS_TEST_FILE", path.clone())];
        let (peak, _) = tokio::task::spawn_blocking(move || {
            let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
            in_child(child, &env)
        })
        .await
        .unwrap();
        println!(
            "1 GiB upload from disk to {target}: peak RSS {:.1} MiB",
            peak as f64 / MIB as f64
        );
        let got = upload(&seen, target);
        assert_eq!(got.digest, expected, "{target}");
        assert!(peak < 64 * MIB, "{target}: peak RSS {peak} bytes");
        if target == "/photos" {
            assert_eq!(got.filename.as_deref(), Some("big.bin"));
            assert_eq!(got.content_type.as_deref(), Some("application/x-test"));
        } else {
            assert_eq!(
                got.content_type.as_deref(),
                Some("application/octet-stream")
            );
        }
    }
    drop(file);
}

#[tokio::test]
#[ignore = "a child process of a_1_gib_file_uploads_from_disk_in_under_64_mib"]
async fn child_upload_file() {
    let Some(url) = child_server() else { return };
    let path = std::env::var("STREAMS_TEST_FILE").unwrap();
    let body = ByteStream::from_path(&path).await.unwrap();
    let receipt = client(&url).upload_file("big", body).await.unwrap();
    assert_eq!(receipt.size as u64, GIB);
    report_peak();
}

#[tokio::test]
#[ignore = "a child process of a_1_gib_file_uploads_from_disk_in_under_64_mib"]
async fn child_upload_multipart() {
    let Some(url) = child_server() else { return };
    let path = std::env::var("STREAMS_TEST_FILE").unwrap();
    let file = tokio::fs::File::open(&path).await.unwrap();
    let part = FilePart::new(ByteStream::from_file(file).await.unwrap())
        .filename("big.bin")
        .content_type("application/x-test");
    let body = UploadPhotoBody::new(part);
    let receipt = client(&url).upload_photo(&body).await.unwrap();
    assert_eq!(receipt.size as u64, GIB);
    report_peak();
}

#[tokio::test]
async fn a_multipart_file_part_has_the_spec_media_type_and_the_field_name() {
    let (url, seen) = server().await;
    let photo = block(0);
    let body = UploadPhotoBody::new(photo.clone());
    client(&url).upload_photo(&body).await.unwrap();
    let got = upload(&seen, "/photos");
    assert_eq!(
        got.content_type.as_deref(),
        Some("image/png"),
        "encoding.contentType"
    );
    assert_eq!(got.filename.as_deref(), Some("photo"));
    let mut digest = Digest::default();
    digest.update(&photo);
    assert_eq!(got.digest, digest.finish());
}

#[tokio::test]
async fn a_stream_read_once_is_not_retried() {
    // The server refuses the first attempt with 503, which is retried for bytes and paths.
    let attempts = Arc::new(Mutex::new(0));
    let count = Arc::clone(&attempts);
    let url = start(move |head, mut stream| {
        let count = Arc::clone(&count);
        async move {
            if head.header("transfer-encoding") == Some("chunked") {
                read_chunked(&head, &mut stream).await;
            } else {
                read_body(&head, &mut stream, |_| {}).await;
            }
            *count.lock().unwrap() += 1;
            let refusal = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            stream.write_all(refusal.as_bytes()).await.unwrap();
        }
    })
    .await;
    let client = super::api::StreamsClient::builder()
        .base_url(&url)
        .retry(super::runtime::RetryPolicy {
            base_delay: Duration::from_millis(1),
            ..Default::default()
        })
        .build()
        .unwrap();
    let replayable = client
        .upload_file("a", b"bytes".to_vec())
        .await
        .unwrap_err();
    assert!(matches!(replayable, Error::Status { status: 503, .. }));
    assert_eq!(
        std::mem::take(&mut *attempts.lock().unwrap()),
        3,
        "retried twice"
    );
    let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>("once")]);
    let once = ByteStream::from_stream(chunks);
    let err = client.upload_file("a", once).await.unwrap_err();
    assert!(matches!(err, Error::Status { status: 503, .. }));
    assert_eq!(*attempts.lock().unwrap(), 1, "sent once, never again");
}

/// Reads a chunked body to its last chunk (without checking the chunks).
async fn read_chunked(head: &Head, stream: &mut TcpStream) {
    use tokio::io::AsyncReadExt;
    let mut seen = head.early.clone();
    let mut chunk = [0u8; 4096];
    while !seen.ends_with(b"0\r\n\r\n") {
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "the chunked body ended early");
        seen.extend_from_slice(&chunk[..n]);
    }
}

#[tokio::test]
async fn the_timeout_covers_the_headers_and_the_idle_timeout_each_gap() {
    // 20 chunks 50 ms apart (a second in all, past the 300 ms timeout), then a stall.
    let url = start(|_head, mut stream| async move {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\nconnection: close\r\n\r\n";
        stream.write_all(head.as_bytes()).await.unwrap();
        for i in 0..20 {
            stream.write_all(&block(i)).await.unwrap();
            stream.flush().await.unwrap();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let client = super::api::StreamsClient::builder()
        .base_url(&url)
        .timeout(Duration::from_millis(300))
        .read_idle_timeout(Duration::from_millis(250))
        .build()
        .unwrap();
    let mut body = client.download_file("slow").stream().await.unwrap();
    let mut read = 0;
    let err = loop {
        match body.next().await.expect("an error ends the stream") {
            Ok(chunk) => read += chunk.len(),
            Err(err) => break err,
        }
    };
    assert_eq!(read, 20 * BLOCK, "every chunk before the stall");
    assert!(matches!(err, Error::Timeout { after } if after == Duration::from_millis(250)));
    assert!(body.next().await.is_none());
    // Read whole, the same body is bounded by the timeout.
    let whole = client.download_file("slow").await.unwrap_err();
    assert!(matches!(whole, Error::Timeout { after } if after == Duration::from_millis(300)));
}

#[tokio::test]
async fn an_upload_that_stalls_times_out_and_one_that_moves_does_not() {
    // The server reads 64 KiB every 5 ms (64 MiB in 5 s, past the 3 s timeout, which covers
    // what the sockets hold after the last chunk), and never reads the body of `/files/stall`.
    let url = start(|head, mut stream| async move {
        if head.path == "/files/stall" {
            tokio::time::sleep(Duration::from_secs(30)).await;
            return;
        }
        // A chunked body, read 64 KiB at a time to its last chunk.
        let mut pace = tokio::time::interval(Duration::from_millis(5));
        let mut tail = head.early.clone();
        let mut read = head.early.len();
        let mut chunk = vec![0u8; BLOCK];
        while !tail.ends_with(b"0\r\n\r\n") {
            pace.tick().await;
            let n = tokio::io::AsyncReadExt::read(&mut stream, &mut chunk)
                .await
                .unwrap();
            assert!(n > 0, "the body ended early");
            tail.extend_from_slice(&chunk[..n]);
            tail.drain(..tail.len().saturating_sub(8));
            read += n;
        }
        let body = serde_json::json!({"size": read, "sha256": ""});
        reply_json(&mut stream, &body).await;
    })
    .await;
    let timeout = Duration::from_secs(3);
    let client = super::api::StreamsClient::builder()
        .base_url(&url)
        .timeout(timeout)
        .build()
        .unwrap();
    let chunks =
        || futures_util::stream::iter((0..1024).map(|i| Ok::<_, std::io::Error>(block(i))));
    let receipt = client
        .upload_file("slow", ByteStream::from_stream(chunks()))
        .await
        .unwrap();
    assert!(
        receipt.size as usize > 1024 * BLOCK,
        "all of it, and the chunk headers"
    );
    let err = client
        .upload_file("stall", ByteStream::from_stream(chunks()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Timeout { after } if after == timeout),
        "{err:?}"
    );
}
