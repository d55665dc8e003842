//! A tiny hand-rolled HTTP/1.1 server on loopback that can misbehave on purpose
//! (stall, stall mid-body, reset the connection), and records what it was sent.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub target: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// The value of query parameter `name`, as sent (not decoded).
    pub fn query(&self, name: &str) -> Option<&str> {
        let query = self.target.split_once('?')?.1;
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }
}

/// What the server does with a request.
pub enum Reply {
    Send(u16, Vec<(&'static str, String)>, String),
    /// Never answers.
    Stall,
    /// Sends the head and part of the body, then stalls.
    StallBody,
    /// Resets the connection after reading the request.
    Reset,
    /// Sends a 200 head promising a longer body than it sends, then closes.
    Cut(String),
    /// A 200 JSON answer without `Content-Length`, in chunks of at most `.1` bytes.
    Chunked(String, usize),
    After(Duration, Box<Reply>),
}

/// A JSON answer.
pub fn reply_json(status: u16, body: Value) -> Reply {
    Reply::Send(
        status,
        vec![("content-type", "application/json".into())],
        body.to_string(),
    )
}

type Handler = Arc<dyn Fn(&Seen, usize) -> Reply + Send + Sync>;

/// A running server; it lives as long as the test's runtime.
pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves `handler(request, how many earlier requests had the same path)`.
    pub async fn start(handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (handler, log): (Handler, _) = (Arc::new(handler), seen.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, handler.clone(), log.clone()));
            }
        });
        Server { url, seen }
    }

    /// Every request so far, in order.
    pub fn all(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The requests to `path` so far, in order.
    pub fn seen(&self, path: &str) -> Vec<Seen> {
        let log = self.seen.lock().unwrap();
        log.iter().filter(|s| s.path() == path).cloned().collect()
    }
}

async fn serve(mut stream: TcpStream, handler: Handler, seen: Arc<Mutex<Vec<Seen>>>) {
    let Some(req) = read_request(&mut stream).await else {
        return;
    };
    let reply = {
        let mut log = seen.lock().unwrap();
        let nth = log.iter().filter(|s| s.path() == req.path()).count();
        log.push(req.clone());
        handler(&req, nth)
    };
    respond(stream, reply).await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let (mut buf, mut chunk) = (Vec::new(), [0u8; 8192]);
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, target) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let n = stream.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

async fn respond(mut stream: TcpStream, reply: Reply) {
    match reply {
        Reply::Send(status, headers, body) => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            let _ = stream
                .write_all(format!("{head}\r\n{body}").as_bytes())
                .await;
            let _ = stream.shutdown().await;
        }
        Reply::Stall => tokio::time::sleep(Duration::from_secs(60)).await,
        Reply::StallBody => {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"a\":")
                .await;
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
        Reply::Cut(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len() + 100
            );
            let _ = stream.write_all(format!("{head}{body}").as_bytes()).await;
            let _ = stream.shutdown().await;
        }
        Reply::Chunked(body, size) => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                        transfer-encoding: chunked\r\nconnection: close\r\n\r\n";
            let mut out = head.as_bytes().to_vec();
            for piece in body.as_bytes().chunks(size.max(1)) {
                out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
                out.extend_from_slice(piece);
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"0\r\n\r\n");
            let _ = stream.write_all(&out).await;
            let _ = stream.shutdown().await;
        }
        Reply::Reset => {
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        Reply::After(delay, inner) => {
            tokio::time::sleep(delay).await;
            Box::pin(respond(stream, *inner)).await;
        }
    }
}
