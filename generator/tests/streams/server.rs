//! A loopback HTTP/1.1 server that streams: handlers read request bodies and write responses
//! chunk by chunk, so that neither side holds a large body whole. Also the test bodies (made on
//! the fly) and the digest both sides compute.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request's head, and the body bytes read with it.
pub struct Head {
    pub method: String,
    pub path: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub early: Vec<u8>,
}

impl Head {
    pub fn header(&self, name: &str) -> Option<&str> {
        let found = self.headers.iter().find(|(n, _)| n == name);
        found.map(|(_, v)| v.as_str())
    }
}

type Handler =
    Arc<dyn Fn(Head, TcpStream) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// Serves each connection's first request with `handler`; gives the base URL.
pub async fn start<F, Fut>(handler: F) -> String
where
    F: Fn(Head, TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let handler: Handler = Arc::new(move |head, stream| Box::pin(handler(head, stream)));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let handler = Arc::clone(&handler);
            tokio::spawn(async move {
                if let Some((head, stream)) = read_head(stream).await {
                    handler(head, stream).await;
                }
            });
        }
    });
    url
}

async fn read_head(mut stream: TcpStream) -> Option<(Head, TcpStream)> {
    stream.set_nodelay(true).ok()?;
    let mut buf = Vec::new();
    let end = loop {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
    };
    let text = String::from_utf8_lossy(&buf[..end]).into_owned();
    let mut lines = text.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let early = buf[end + 4..].to_vec();
    Some((
        Head {
            method,
            path,
            headers,
            early,
        },
        stream,
    ))
}

/// Reads a `Content-Length` body chunk by chunk into `sink`; the bytes read.
pub async fn read_body(head: &Head, stream: &mut TcpStream, mut sink: impl FnMut(&[u8])) -> u64 {
    assert_eq!(
        head.header("transfer-encoding"),
        None,
        "bodies here have a length"
    );
    let length: u64 = head
        .header("content-length")
        .expect("a length")
        .parse()
        .unwrap();
    sink(&head.early);
    let mut read = head.early.len() as u64;
    let mut chunk = vec![0u8; 64 * 1024];
    while read < length {
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "the body ended after {read} of {length} bytes");
        sink(&chunk[..n]);
        read += n as u64;
    }
    read
}

/// Answers 200 with a JSON body.
pub async fn reply_json(stream: &mut TcpStream, body: &serde_json::Value) {
    let body = body.to_string();
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body.as_bytes()).await.unwrap();
}

/// The size of the chunks test bodies are made of.
pub const BLOCK: usize = 64 * 1024;

/// Chunk `index` of a test body: noise, numbered in its first bytes, so that no two are alike.
pub fn block(index: u64) -> Vec<u8> {
    static NOISE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let noise = NOISE.get_or_init(|| {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        (0..BLOCK)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect()
    });
    let mut chunk = noise.clone();
    chunk[..8].copy_from_slice(&index.to_le_bytes());
    chunk
}

/// A 64-bit digest of a byte stream fed in pieces of any size (FNV-1a over 8-byte words).
#[derive(Default)]
pub struct Digest {
    state: u64,
    carry: Vec<u8>,
    pub len: u64,
}

impl Digest {
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if !self.carry.is_empty() {
            let take = (8 - self.carry.len()).min(bytes.len());
            self.carry.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.carry.len() < 8 {
                return;
            }
            let word = std::mem::take(&mut self.carry);
            self.word(u64::from_le_bytes(word.try_into().unwrap()));
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.word(u64::from_le_bytes(word.try_into().unwrap()));
        }
        self.carry.extend_from_slice(words.remainder());
    }

    fn word(&mut self, word: u64) {
        self.state = (self.state ^ word).wrapping_mul(0x0000_0100_0000_01B3);
    }

    pub fn finish(mut self) -> String {
        let tail = std::mem::take(&mut self.carry);
        for byte in tail {
            self.word(u64::from(byte));
        }
        format!("{:016x}-{}", self.state, self.len)
    }
}
