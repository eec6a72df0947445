//go:build !unix

package serve

import "syscall"

// canShrinkReceiveBuffer says whether smallReceiveBuffer works here.
const canShrinkReceiveBuffer = false

// smallReceiveBuffer does nothing on this system.
func smallReceiveBuffer(network, address string, c syscall.RawConn) error { return nil }
