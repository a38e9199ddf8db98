package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/spf13/cobra"

	"smhbin/api"
	"smhbin/safe"
	"smhbin/sshserve"
	"smhbin/ui"
)

// Defaults of the serve command.
const (
	defaultServeAddr    = "127.0.0.1:2222"
	defaultIdleTimeout  = 15 * time.Minute
	defaultMaxSessions  = 16
	defaultMaxConns     = 64
	defaultHandshake    = 20 * time.Second // to authenticate, before a connection is closed
	defaultShutdownWait = 10 * time.Second // for clients to hang up before connections are cut
	serveProbeTimeout   = 20 * time.Second // for the library check before listening
)

// serveOptions are the serve command's own flags.
type serveOptions struct {
	Addr           string
	HostKey        string
	AuthorizedKeys string
	ReadOnlyKeys   string
	InsecureDemo   bool
	AllowDelete    bool
	IdleTimeout    time.Duration
	MaxSessions    int
	MaxConnections int
	Handshake      time.Duration
}

func (a *app) serveCmd() *cobra.Command {
	o := serveOptions{Addr: defaultServeAddr, IdleTimeout: defaultIdleTimeout, MaxSessions: defaultMaxSessions,
		MaxConnections: defaultMaxConns, Handshake: defaultHandshake}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the terminal UI over SSH",
		Long: `serve runs an SSH server whose only program is smhbin's terminal UI: each
connection gets its own browser of the configured library, sized to its
terminal. The access token stays on the server; clients never see it.

Clients log in with a public key listed in --authorized-keys (OpenSSH
authorized_keys format); keys listed in --read-only-keys may browse but not
restore. Deleting for good (D) and emptying the bin (ctrl+x) are off in
every session unless --allow-delete is given, and never open to read-only
keys. Passwords are never accepted. Without a configured library the demo
emulator is served.

Of OpenSSH's key options, restrict, pty and no-pty are honoured as sshd
honours them (restrict without a later pty refuses a terminal, so such a
key cannot use smhbin); the forwarding and user-rc options (no-port-
forwarding, agent-forwarding, …) are accepted, as nothing is forwarded. A
line with any other option (from=, command=, …) stops the server at
start-up rather than being silently widened.

Limits: a window is laid out at most 500×250, whatever the client claims;
a connection must authenticate within --handshake-timeout; at most
--max-connections are open at once, a quarter of them still authenticating
(the oldest of those gives way to a newcomer).

--insecure-demo accepts any key, serves the demo library read-only and only
listens on a loopback address: it is for trying smhbin serve out.

The host key is created on first run (ed25519, mode 0600) at --host-key,
by default $XDG_DATA_HOME/smhbin/` + sshserve.HostKeyName + ` or
~/.local/share/smhbin/` + sshserve.HostKeyName + `. Interrupting the server tells every
session that it is shutting down; a restore still running in a session is
aborted, and its user is told which items were left unsettled.`,
		Example: `  smhbin serve --authorized-keys ~/.ssh/authorized_keys   # then: ssh -p 2222 localhost
  SMH_LIBRARY_ID=smh123 SMH_ACCESS_TOKEN=acctk… smhbin serve --addr 0.0.0.0:2222 \
      --authorized-keys team.keys --read-only-keys auditors.keys
  smhbin serve --insecure-demo`,
		Args: cobra.NoArgs,
		RunE: withConfig(func(cmd *cobra.Command, _ []string, cfg Config) error {
			return a.serve(cmd, cfg, o)
		}),
		PersistentPreRunE: a.resolveHook(&o.InsecureDemo),
	}
	f := cmd.Flags()
	f.StringVar(&o.Addr, "addr", o.Addr, "listen `address` (host:port; port 0 picks a free one)")
	f.StringVar(&o.HostKey, "host-key", "", "host private key `PATH`, created on first run (default under $XDG_DATA_HOME/smhbin)")
	f.StringVar(&o.AuthorizedKeys, "authorized-keys", "", "`FILE` of public keys allowed to connect (authorized_keys format)")
	f.StringVar(&o.ReadOnlyKeys, "read-only-keys", "", "`FILE` of public keys that may browse but not restore")
	f.BoolVar(&o.InsecureDemo, "insecure-demo", false, "accept any key, read-only, demo library, loopback only")
	f.BoolVar(&o.AllowDelete, "allow-delete", false, "let read-write keys delete items for good and empty the bin (off by default)")
	f.DurationVar(&o.IdleTimeout, "idle-timeout", o.IdleTimeout, "close connections idle this long (0: never)")
	f.IntVar(&o.MaxSessions, "max-sessions", o.MaxSessions, "most sessions at once; more are turned away")
	f.IntVar(&o.MaxConnections, "max-connections", o.MaxConnections, "most connections at once, a quarter of them still authenticating")
	f.DurationVar(&o.Handshake, "handshake-timeout", o.Handshake, "close connections not authenticated this long after connecting")
	return cmd
}

// serve checks the options, prepares keys and the library, then runs the
// SSH server until the command's context is cancelled.
func (a *app) serve(cmd *cobra.Command, cfg Config, o serveOptions) error {
	usage := func(format string, v ...any) error {
		return &usageError{msg: fmt.Sprintf(format, v...), cmdPath: cmd.CommandPath()}
	}
	if err := checkServeOptions(o); err != nil {
		return usage("%s", err.Error())
	}
	var keys *sshserve.Keyring
	if !o.InsecureDemo {
		var err error
		if keys, err = sshserve.LoadKeyring(o.AuthorizedKeys, o.ReadOnlyKeys); err != nil {
			return &configError{msg: err.Error()}
		}
	}
	// Bound before the host key is made and the library probed: a port in
	// use or out of range is reported as such, at once.
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return listenError(o.Addr, err)
	}
	defer ln.Close() // in case the server never takes it over
	hostKeyPath := o.HostKey
	if hostKeyPath == "" {
		hostKeyPath = sshserve.DefaultHostKeyPath(a.getenv)
		if hostKeyPath == "" {
			return usage("neither XDG_DATA_HOME nor HOME is set: give the host key's path with --host-key")
		}
	}
	signer, warning, err := sshserve.EnsureHostKey(hostKeyPath)
	if err != nil {
		return &configError{msg: err.Error()}
	}
	if warning != "" {
		fmt.Fprintln(a.stderr, "smhbin: "+warning)
	}
	ctx := cmd.Context()
	cfg, client, stop, err := a.connect(ctx, cfg, demoTUILatency, true)
	if err != nil {
		return err
	}
	defer stop()
	if err := probeLibrary(ctx, client, cfg); err != nil {
		return err
	}
	srv, err := sshserve.New(sshserve.Config{
		Listener:         ln,
		HostKey:          signer,
		Keys:             keys,
		IdleTimeout:      o.IdleTimeout,
		MaxSessions:      o.MaxSessions,
		MaxConnections:   o.MaxConnections,
		HandshakeTimeout: o.Handshake,
		ShutdownWait:     defaultShutdownWait,
		Library:          cfg.LibraryID,
		Demo:             cfg.Demo,
		ReadOnly:         cfg.ReadOnly,
		AllowDelete:      o.AllowDelete,
		Client:           client,
		Options: func(ctx context.Context, out io.Writer, getenv func(string) string) ui.Options {
			return uiOptions(ctx, cfg, client, out, getenv)
		},
		Log: a.stderr,
	})
	if err != nil {
		return err
	}
	return srv.Serve(ctx)
}

// checkServeOptions rejects option mixes that would serve something other
// than what the operator meant, most of all an open door.
func checkServeOptions(o serveOptions) error {
	host, _, err := net.SplitHostPort(o.Addr)
	switch {
	case err != nil:
		return fmt.Errorf("--addr must be host:port, such as %s, not %q", defaultServeAddr, safe.Text(o.Addr))
	case o.MaxSessions < 1:
		return fmt.Errorf("--max-sessions must be at least 1, not %d", o.MaxSessions)
	case o.IdleTimeout < 0:
		return fmt.Errorf("--idle-timeout must not be negative")
	case o.MaxConnections < 1:
		return fmt.Errorf("--max-connections must be at least 1, not %d", o.MaxConnections)
	case o.Handshake <= 0:
		return fmt.Errorf("--handshake-timeout must be positive, such as %s", defaultHandshake)
	case o.InsecureDemo && (o.AuthorizedKeys != "" || o.ReadOnlyKeys != ""):
		return fmt.Errorf("--insecure-demo accepts any key, so --authorized-keys and --read-only-keys make no sense with it: drop one or the other")
	case o.InsecureDemo && !isLoopbackHost(host):
		return fmt.Errorf("--insecure-demo lets anyone in, so it only listens on a loopback address such as 127.0.0.1:2222, not %q", safe.Text(o.Addr))
	case !o.InsecureDemo && o.AuthorizedKeys == "":
		return fmt.Errorf("serve needs --authorized-keys FILE listing the public keys allowed in (use --insecure-demo to try it on this machine with the demo library)")
	}
	return nil
}

// isLoopbackHost is true for literal loopback addresses and "localhost".
// Other names are refused: they could resolve anywhere.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// probeLibrary lists one item so that a wrong token, library or endpoint
// stops the server at start-up, with the usual sentence, instead of
// greeting every user with the same error.
func probeLibrary(ctx context.Context, c *api.Client, cfg Config) error {
	ctx, cancel := context.WithTimeout(ctx, serveProbeTimeout)
	defer cancel()
	_, err := c.List(ctx, api.ListQuery{Limit: 1, OrderBy: cfg.OrderBy, OrderType: cfg.Order})
	return err
}
