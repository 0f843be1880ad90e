package insights

import "net/netip"

type ipAddr = netip.Addr

func parseIP(s string) (ipAddr, bool) {
	ip, err := netip.ParseAddr(s)
	return ip, err == nil
}

// ipFn builds a one-argument IP predicate; an invalid address is false.
func ipFn(pred func(ipAddr) bool) func([]value) value {
	return func(a []value) value {
		ip, ok := parseIP(a[0].text())
		return boolValue(ok && pred(ip))
	}
}

// subnetFn builds an (ip, cidr) predicate; invalid input is false.
func subnetFn(family func(ipAddr) bool) func([]value) value {
	return func(a []value) value {
		ip, ok := parseIP(a[0].text())
		if !ok || !family(ip) {
			return boolValue(false)
		}
		pfx, err := netip.ParsePrefix(a[1].text())
		if err != nil {
			return boolValue(false)
		}
		return boolValue(pfx.Contains(ip.Unmap()) || pfx.Contains(ip))
	}
}

// reservedPrefixes are the special-purpose ranges of RFC 6890 and its
// updates that are neither private nor public.
var reservedPrefixes = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "192.0.0.0/24",
		"192.0.2.0/24", "192.88.99.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
		"224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
		"::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001::/23", "2001:db8::/32",
		"fe80::/10", "ff00::/8",
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

func isReserved(ip ipAddr) bool {
	ip = ip.Unmap()
	for _, p := range reservedPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
