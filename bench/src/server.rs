//! A tiny HTTP/1.1 server on loopback with keep-alive and canned JSON answers, so a benchmark
//! measures the client, not the server.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What every request but the token request gets: an Authing envelope that says "success".
pub const OK_BODY: &str = r#"{"statusCode":200,"message":"ok","requestId":"bench-request"}"#;
const TOKEN_BODY: &str =
    r#"{"statusCode":200,"message":"ok","data":{"access_token":"bench-token","expires_in":7200}}"#;

/// A running server: its own tokio runtime on one thread that the counting allocator ignores,
/// so allocation counts are the client's alone.
pub struct Server {
    pub base_url: String,
    _runtime: tokio::runtime::Runtime,
}

/// Starts the server; it stops when the returned value is dropped.
pub fn start() -> std::io::Result<Server> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .on_thread_start(crate::alloc::ignore_this_thread)
        .enable_io()
        .build()?;
    let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    runtime.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(serve(stream));
        }
    });
    Ok(Server {
        base_url: format!("http://{addr}"),
        _runtime: runtime,
    })
}

async fn serve(mut stream: TcpStream) {
    let mut buf = Vec::with_capacity(4096);
    loop {
        let Some((head_len, body_len, path)) = read_head(&mut stream, &mut buf).await else {
            return;
        };
        while buf.len() < head_len + body_len {
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..head_len + body_len);
        let body = if path.ends_with("/get-management-token") {
            TOKEN_BODY
        } else {
            OK_BODY
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// Reads until a whole request head is buffered: its length, the body length and the path.
async fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<(usize, usize, String)> {
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = std::str::from_utf8(&buf[..end]).ok()?;
            let path = head.split(' ').nth(1).unwrap_or("/").to_owned();
            let body_len = head
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.trim().parse().ok())
                .unwrap_or(0);
            return Some((end + 4, body_len, path));
        }
        let mut chunk = [0u8; 4096];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}
