//! The caller's IP address, for per-address throttling and the duplicate-account
//! report. Behind a reverse proxy the socket address is the proxy's, and the
//! client's is in `X-Forwarded-For`, where every proxy appends the address it
//! got the request from. Anything left of the first trusted proxy's entry was
//! written by the client and may be forged, so the address is the right-most
//! hop that is not a trusted proxy, read only when the socket peer itself is one.
use axum::extract::ConnectInfo;
pub use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// The proxies whose `X-Forwarded-For` entries are believed (`TRUSTED_PROXIES`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    /// Networks of the operator's proxies and load balancers.
    pub networks: Vec<IpNet>,
    /// Treat the socket peer as a trusted proxy whatever its address (the
    /// older `TRUST_FORWARDED_FOR=true`: one proxy in front, address unknown).
    pub peer: bool,
}

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>, peer: bool) -> Self {
        Self { networks, peer }
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.networks.iter().any(|net| net.contains(&ip))
    }
}

/// `10.0.0.7` (one address) or `10.0.0.0/8` (a network), for `TRUSTED_PROXIES`.
pub fn parse_proxy(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("không phải địa chỉ IP hoặc dải CIDR / not an IP address or CIDR: {text:?}"))
}

/// One `X-Forwarded-For` entry: `203.0.113.7`, `[2001:db8::1]:443` or `203.0.113.7:51234`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// The client's address from the socket `peer` and the `X-Forwarded-For`
/// values (in header order). Walks from the right: while the hop at hand is a
/// trusted proxy, the entry to its left is who sent it the request. Stops at
/// the first address that is not a trusted proxy, or at an entry that is not
/// an address (then the last trusted hop is all that is known).
pub fn client_ip(peer: Option<IpAddr>, forwarded_for: &[&str], trusted: &TrustedProxies) -> Option<IpAddr> {
    let peer = peer.map(|ip| ip.to_canonical());
    let peer_trusted = trusted.peer || peer.is_some_and(|ip| trusted.trusts(ip));
    if !peer_trusted {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded_for.iter().rev().flat_map(|value| value.rsplit(',')) {
        let Some(ip) = parse_hop(hop) else { break };
        client = Some(ip);
        if !trusted.trusts(ip) {
            break;
        }
    }
    client
}

/// The address of the request being served, if known.
pub async fn client_address() -> Option<String> {
    let trusted = crate::state::state().map(|s| s.trusted_proxies).unwrap_or_default();
    let peer =
        leptos_axum::extract::<ConnectInfo<SocketAddr>>().await.ok().map(|ConnectInfo(addr)| addr.ip());
    let headers = leptos_axum::extract::<http::HeaderMap>().await.unwrap_or_default();
    let forwarded: Vec<&str> =
        headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    client_ip(peer, &forwarded, &trusted).map(|ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::new(vec![parse_proxy("10.0.0.0/8").unwrap()], false);
        let peer_only = TrustedProxies::new(Vec::new(), true);
        let none = TrustedProxies::default();
        // What, socket peer, X-Forwarded-For values, trusted, expected client.
        type Case<'a> = (&'a str, Option<&'a str>, &'a [&'a str], &'a TrustedProxies, Option<&'a str>);
        let cases: &[Case] = &[
            (
                "no proxy configured: the socket peer",
                Some("203.0.113.9"),
                &["1.2.3.4"],
                &none,
                Some("203.0.113.9"),
            ),
            (
                "peer not a trusted proxy: header ignored",
                Some("198.51.100.1"),
                &["1.2.3.4"],
                &proxies,
                Some("198.51.100.1"),
            ),
            ("one proxy", Some("10.0.0.2"), &["203.0.113.7"], &proxies, Some("203.0.113.7")),
            (
                "forged left-most entry ignored",
                Some("10.0.0.2"),
                &["6.6.6.6, 203.0.113.7"],
                &proxies,
                Some("203.0.113.7"),
            ),
            (
                "two trusted proxies",
                Some("10.0.0.2"),
                &["6.6.6.6, 203.0.113.7, 10.1.1.1"],
                &proxies,
                Some("203.0.113.7"),
            ),
            (
                "several headers read in order",
                Some("10.0.0.2"),
                &["6.6.6.6", "203.0.113.7, 10.1.1.1"],
                &proxies,
                Some("203.0.113.7"),
            ),
            (
                "garbage left of the client ignored",
                Some("10.0.0.2"),
                &["<script>, 203.0.113.7"],
                &proxies,
                Some("203.0.113.7"),
            ),
            (
                "garbage right after a proxy: the proxy",
                Some("10.0.0.2"),
                &["203.0.113.7, nonsense"],
                &proxies,
                Some("10.0.0.2"),
            ),
            ("no header behind a proxy: the proxy", Some("10.0.0.2"), &[], &proxies, Some("10.0.0.2")),
            ("ports and brackets", Some("10.0.0.2"), &["[2001:db8::1]:443"], &proxies, Some("2001:db8::1")),
            (
                "IPv4 inside IPv6 is IPv4",
                Some("::ffff:10.0.0.2"),
                &["203.0.113.7:5000"],
                &proxies,
                Some("203.0.113.7"),
            ),
            (
                "trust the peer, whatever it is",
                Some("192.0.2.50"),
                &["6.6.6.6, 203.0.113.7"],
                &peer_only,
                Some("203.0.113.7"),
            ),
            (
                "trust the peer, no socket (tests)",
                None,
                &["6.6.6.6, 203.0.113.7"],
                &peer_only,
                Some("203.0.113.7"),
            ),
            ("nothing known", None, &[], &none, None),
        ];
        for (what, peer, header, trusted, expected) in cases {
            let got = client_ip(peer.map(ip), header, trusted);
            assert_eq!(got, expected.map(ip), "{what}");
        }
    }

    #[test]
    fn proxies_are_single_addresses_or_networks() {
        assert_eq!(parse_proxy(" 10.0.0.7 ").unwrap().to_string(), "10.0.0.7/32");
        assert_eq!(parse_proxy("10.0.0.0/8").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(parse_proxy("2001:db8::/32").unwrap().to_string(), "2001:db8::/32");
        assert!(parse_proxy("proxy.local").is_err());
    }
}
