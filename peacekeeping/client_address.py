"""The address a login comes from, as the lock-out (django-axes) counts failures by it.

settings.py picks one of these for AXES_CLIENT_IP_CALLABLE, by DJANGO_BEHIND_PROXY.
"""

import ipaddress


def remote_address(request):
    """The connection's own address. X-Forwarded-For is ignored: any client can write it."""
    return request.META.get("REMOTE_ADDR")


def forwarded_address(request):
    """Behind the load balancer: the right-most X-Forwarded-For entry.

    Every connection comes from the balancer, so REMOTE_ADDR is the same for everyone. The
    balancer appends the address that connected to it to whatever X-Forwarded-For the client
    sent, so only the last entry is the balancer's word; the ones before it are the client's
    and could be anything. A request without a usable entry (one that did not come through
    the balancer) is counted by its connection's address.
    """
    entries = request.headers.get("x-forwarded-for", "").split(",")
    try:
        return str(ipaddress.ip_address(entries[-1].strip()))
    except ValueError:
        return remote_address(request)
