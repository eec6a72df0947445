//go:build unix

package serve

import "syscall"

// canShrinkReceiveBuffer says whether smallReceiveBuffer works here.
const canShrinkReceiveBuffer = true

// smallReceiveBuffer is a net.Dialer Control function that gives the
// socket a 4 kB receive buffer before it connects, so the window it offers
// stays small and a server writing to a client that does not read blocks
// after a few kilobytes (left alone, Linux grows a loopback connection's
// buffer to megabytes).
func smallReceiveBuffer(network, address string, c syscall.RawConn) error {
	var err error
	if cerr := c.Control(func(fd uintptr) {
		err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
	}); cerr != nil {
		return cerr
	}
	return err
}
