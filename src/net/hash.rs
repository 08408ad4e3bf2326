//! Password hashing off the loop thread: one worker thread, jobs in through
//! a queue shared with the loop, results back through a channel plus a
//! `mio::Waker` so the loop wakes up for them.
//!
//! The queue is fair by client address ([`FairQueue`]): the worker takes
//! one job from each address that has jobs waiting in turn, so a flood of
//! password guesses from one address waits behind itself, not in front of
//! other players' logins. (The game also caps how many jobs one address may
//! have queued at once; see `game::throttle`.) Jobs of a connection that
//! closed are dropped from the queue ([`Worker::cancel`]).
//!
//! Hashes are argon2 (the `argon2` crate's default parameters) in PHC string
//! form; the salt comes from `/dev/urandom`. The worker starts with the first
//! job, so a server that installed its signal mask first (see
//! `Server::catch_signals`) hands the mask on to it.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::Read;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};

use argon2::password_hash::{Output, ParamsString, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordHash, Version};
use log::warn;
use mio::Waker;

use crate::engine::{ConnId, HashJob, HashResult};

/// A job as the worker sees it: whose, and which connection instance.
struct Job {
    conn: ConnId,
    serial: u64,
    job: HashJob,
}

/// A finished job.
#[derive(Debug)]
pub struct Done {
    pub conn: ConnId,
    pub serial: u64,
    pub result: HashResult,
}

/// Run one job here and now with a fresh [`Hasher`] (tests and fallbacks;
/// the worker keeps one `Hasher` for its whole life).
pub fn run_job(job: &HashJob) -> HashResult {
    Hasher::new().run(job)
}

/// An argon2 PHC string for `password`, with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    Hasher::new().hash(password)
}

/// Does `password` match the PHC string `hash`? A malformed hash matches nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    Hasher::new().verify(password, hash)
}

/// Argon2 with its working memory (19 MiB at the default parameters)
/// allocated once and reused: allocating and freeing it for every login
/// left the allocator holding tens of megabytes per thread arena.
pub struct Hasher {
    blocks: Vec<argon2::Block>,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

impl Hasher {
    pub fn new() -> Hasher {
        Hasher { blocks: Vec::new() }
    }

    /// Answer one job.
    pub fn run(&mut self, job: &HashJob) -> HashResult {
        match job {
            HashJob::Hash { password } => HashResult::Hashed(self.hash(password)),
            HashJob::Verify { password, hash } => HashResult::Verified(self.verify(password, hash)),
        }
    }

    fn memory(&mut self, params: &Params) -> &mut [argon2::Block] {
        let need = params.block_count();
        if self.blocks.len() < need {
            self.blocks.resize(need, argon2::Block::default());
        }
        &mut self.blocks[..need]
    }

    /// Hash a new password: argon2id with the crate's default parameters.
    pub fn hash(&mut self, password: &str) -> Result<String, String> {
        let mut salt = [0u8; 16];
        File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut salt))
            .map_err(|e| format!("no random salt: {e}"))?;
        let salt_string = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
        let params = Params::default();
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
        argon
            .hash_password_into_with_memory(
                password.as_bytes(),
                &salt,
                &mut out,
                self.memory(&params),
            )
            .map_err(|e| e.to_string())?;
        let phc = PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
            salt: Some(salt_string.as_salt()),
            hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
        };
        Ok(phc.to_string())
    }

    /// Check a password against any argon2 PHC string (its own parameters).
    pub fn verify(&mut self, password: &str, hash: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(hash) else {
            return false;
        };
        let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
            Algorithm::try_from(parsed.algorithm),
            Params::try_from(&parsed),
            parsed.salt,
            parsed.hash,
        ) else {
            return false;
        };
        let version = match parsed.version.map(Version::try_from) {
            Some(Ok(v)) => v,
            Some(Err(_)) => return false,
            None => Version::default(),
        };
        let mut salt_buf = [0u8; 64];
        let Ok(salt) = salt.decode_b64(&mut salt_buf) else {
            return false;
        };
        let argon = Argon2::new(algorithm, version, params.clone());
        let mut out = vec![0u8; expected.len()];
        if argon
            .hash_password_into_with_memory(
                password.as_bytes(),
                salt,
                &mut out,
                self.memory(&params),
            )
            .is_err()
        {
            return false;
        }
        // `Output` compares in constant time.
        Output::new(&out).is_ok_and(|o| o == expected)
    }
}

/// Items queued under a key (a client address), taken round-robin by key:
/// each key with items waiting gives one in turn, in the order the keys
/// first had something waiting. Within a key, first in, first out.
#[derive(Debug)]
pub struct FairQueue<T> {
    queues: HashMap<String, VecDeque<T>>,
    /// Keys with items waiting, next turn first (each key at most once).
    order: VecDeque<String>,
    len: usize,
}

impl<T> Default for FairQueue<T> {
    fn default() -> Self {
        FairQueue {
            queues: HashMap::new(),
            order: VecDeque::new(),
            len: 0,
        }
    }
}

impl<T> FairQueue<T> {
    pub fn push(&mut self, key: &str, item: T) {
        let q = self.queues.entry(key.to_string()).or_default();
        if q.is_empty() {
            self.order.push_back(key.to_string());
        }
        q.push_back(item);
        self.len += 1;
    }

    /// The next item: the first of the key whose turn it is.
    pub fn pop(&mut self) -> Option<T> {
        while let Some(key) = self.order.pop_front() {
            let Some(q) = self.queues.get_mut(&key) else {
                continue;
            };
            let item = q.pop_front();
            if q.is_empty() {
                self.queues.remove(&key);
            } else {
                self.order.push_back(key);
            }
            if item.is_some() {
                self.len -= 1;
                return item;
            }
        }
        None
    }

    /// Keep only the items `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        for q in self.queues.values_mut() {
            q.retain(&mut keep);
        }
        self.queues.retain(|_, q| !q.is_empty());
        let queues = &self.queues;
        self.order.retain(|k| queues.contains_key(k));
        self.len = self.queues.values().map(VecDeque::len).sum();
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The queue the loop and the worker share.
#[derive(Default)]
struct Shared {
    queue: FairQueue<Job>,
    /// The loop's side is gone: the worker ends once the queue is empty.
    closed: bool,
}

type SharedQueue = Arc<(Mutex<Shared>, Condvar)>;

/// The worker and its queues.
pub struct Worker {
    shared: SharedQueue,
    running: bool,
    done_tx: Sender<Done>,
    done_rx: Receiver<Done>,
    waker: Arc<Waker>,
}

impl Worker {
    pub fn new(waker: Arc<Waker>) -> Worker {
        let (done_tx, done_rx) = mpsc::channel();
        Worker {
            shared: Arc::new((Mutex::new(Shared::default()), Condvar::new())),
            running: false,
            done_tx,
            done_rx,
            waker,
        }
    }

    fn spawn(&mut self) -> bool {
        if !self.running {
            let shared = Arc::clone(&self.shared);
            let done = self.done_tx.clone();
            let waker = Arc::clone(&self.waker);
            let spawned = std::thread::Builder::new()
                .name("hash".into())
                .spawn(move || {
                    // The loop's signals are the loop thread's business.
                    let _ = super::loop_signals().thread_block();
                    let mut hasher = Hasher::new();
                    while let Some(job) = next_job(&shared) {
                        let result = hasher.run(&job.job);
                        let reply = Done {
                            conn: job.conn,
                            serial: job.serial,
                            result,
                        };
                        if done.send(reply).is_err() {
                            break;
                        }
                        let _ = waker.wake();
                    }
                });
            match spawned {
                Ok(_) => self.running = true,
                Err(e) => warn!("cannot start the password worker: {e}"),
            }
        }
        self.running
    }

    /// Queue a job for the client at `addr` (the queue is fair by address).
    /// If the worker cannot run, the job runs here, at once.
    pub fn submit(&mut self, conn: ConnId, serial: u64, addr: &str, job: HashJob) {
        let job = Job { conn, serial, job };
        if self.spawn() {
            let (lock, ready) = &*self.shared;
            if let Ok(mut shared) = lock.lock() {
                shared.queue.push(addr, job);
                ready.notify_one();
                return;
            }
            warn!("the password queue is poisoned; hashing on the loop thread");
        }
        let result = run_job(&job.job);
        let _ = self.done_tx.send(Done {
            conn: job.conn,
            serial: job.serial,
            result,
        });
        let _ = self.waker.wake();
    }

    /// Drop the queued jobs of a connection that is gone (a job already
    /// running finishes, and its result is ignored).
    pub fn cancel(&mut self, conn: ConnId, serial: u64) {
        if let Ok(mut shared) = self.shared.0.lock() {
            shared
                .queue
                .retain(|j| !(j.conn == conn && j.serial == serial));
        }
    }

    /// Jobs waiting for the worker (not counting the one running).
    pub fn queued(&self) -> usize {
        self.shared.0.lock().map_or(0, |s| s.queue.len())
    }

    /// Finished jobs, without waiting.
    pub fn finished(&self) -> Vec<Done> {
        self.done_rx.try_iter().collect()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let (lock, ready) = &*self.shared;
        if let Ok(mut shared) = lock.lock() {
            shared.closed = true;
        }
        ready.notify_all();
    }
}

/// The worker's next job: waits while the queue is empty; `None` once the
/// loop's side is gone.
fn next_job(shared: &SharedQueue) -> Option<Job> {
    let (lock, ready) = &**shared;
    let mut guard = lock.lock().ok()?;
    loop {
        if let Some(job) = guard.queue.pop() {
            return Some(job);
        }
        if guard.closed {
            return None;
        }
        guard = ready.wait(guard).ok()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fair_queue_takes_one_per_address_in_turn() {
        let mut q = FairQueue::default();
        for i in 0..5 {
            q.push("10.0.0.1", format!("a{i}"));
        }
        q.push("10.0.0.2", "b0".to_string());
        q.push("10.0.0.3", "c0".to_string());
        q.push("10.0.0.2", "b1".to_string());
        assert_eq!(q.len(), 8);
        let mut got = Vec::new();
        while let Some(x) = q.pop() {
            got.push(x);
            if got.len() == 2 {
                // A newcomer waits one turn of each address already waiting.
                q.push("10.0.0.4", "d0".to_string());
            }
        }
        assert_eq!(got, ["a0", "b0", "c0", "a1", "b1", "d0", "a2", "a3", "a4"]);
        assert!(q.is_empty());
        // Removing a connection's jobs keeps the turns of the others.
        let mut q = FairQueue::default();
        for (k, x) in [("x", 1), ("y", 2), ("x", 3), ("y", 4), ("z", 5)] {
            q.push(k, x);
        }
        q.retain(|&x| x != 2 && x != 4);
        assert_eq!(q.len(), 3);
        let order: Vec<i32> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(order, [1, 5, 3]);
    }

    #[test]
    fn worker_serves_another_address_before_a_flood() {
        let poll = mio::Poll::new().unwrap();
        let waker = Arc::new(Waker::new(poll.registry(), mio::Token(0)).unwrap());
        let mut w = Worker::new(waker);
        // Fifty real hashes from one address, then one from another.
        for i in 0..50 {
            w.submit(
                ConnId(1),
                i,
                "10.0.0.1",
                HashJob::Hash {
                    password: format!("guess{i}"),
                },
            );
        }
        w.submit(
            ConnId(2),
            1,
            "10.0.0.2",
            HashJob::Verify {
                password: "pw".into(),
                hash: "not a hash".into(),
            },
        );
        // The flood's queued jobs are cancelled once the owner is through.
        let mut seen = 0;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let done = w.finished();
            if let Some(p) = done.iter().position(|d| d.conn == ConnId(2)) {
                seen += p;
                break;
            }
            seen += done.len();
            assert!(std::time::Instant::now() < deadline, "never served");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(seen <= 2, "{seen} flood jobs went first");
        for i in 0..50 {
            w.cancel(ConnId(1), i);
        }
        assert_eq!(w.queued(), 0);
    }

    #[test]
    fn hash_then_verify() {
        let h = hash_password("secret").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("secret", &h));
        assert!(!verify_password("Secret", &h));
        assert!(!verify_password("secret", "not a hash"));
        assert!(!verify_password("secret", ""));
        let h2 = hash_password("secret").unwrap();
        assert_ne!(h, h2, "salted");
    }

    #[test]
    fn agrees_with_the_crates_own_hasher_both_ways() {
        use argon2::{PasswordHasher, PasswordVerifier};
        let ours = hash_password("correct horse").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password(b"correct horse", &parsed)
            .is_ok());
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let theirs = Argon2::default()
            .hash_password(b"correct horse", &salt)
            .unwrap()
            .to_string();
        let mut h = Hasher::new();
        assert!(h.verify("correct horse", &theirs));
        assert!(!h.verify("wrong horse", &theirs));
        // Other parameters in the string are honoured (and memory regrows).
        let small = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x10,
            Params::new(64, 1, 1, None).unwrap(),
        );
        let other = small.hash_password(b"pw", &salt).unwrap().to_string();
        assert!(h.verify("pw", &other));
        assert!(!h.verify("pw", "$argon2id$v=19$m=19456,t=2,p=1$garbage"));
    }
}
