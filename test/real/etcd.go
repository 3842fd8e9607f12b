package main

import (
	"fmt"
	"net/url"
	"os"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

// stopEtcd is set once etcd runs, so main can close it before os.Exit
// (deferred calls do not run on os.Exit).
var stopEtcd func()

// startEmbeddedEtcd runs a single-member etcd on loopback in this process and
// returns once it serves clients. kube-apiserver then reaches it over
// --etcd-servers like any external etcd.
func startEmbeddedEtcd() error {
	dir := os.Getenv("REALCLUSTER_ETCD_DIR")
	clientPort := os.Getenv("REALCLUSTER_ETCD_CLIENT_PORT")
	peerPort := os.Getenv("REALCLUSTER_ETCD_PEER_PORT")
	if dir == "" || clientPort == "" || peerPort == "" {
		return fmt.Errorf("set REALCLUSTER_ETCD_DIR, REALCLUSTER_ETCD_CLIENT_PORT and REALCLUSTER_ETCD_PEER_PORT")
	}
	clientURL, err := url.Parse("http://127.0.0.1:" + clientPort)
	if err != nil {
		return err
	}
	peerURL, err := url.Parse("http://127.0.0.1:" + peerPort)
	if err != nil {
		return err
	}

	cfg := embed.NewConfig()
	cfg.Name = "realcluster"
	cfg.Dir = dir
	cfg.ListenClientUrls = []url.URL{*clientURL}
	cfg.AdvertiseClientUrls = []url.URL{*clientURL}
	cfg.ListenPeerUrls = []url.URL{*peerURL}
	cfg.AdvertisePeerUrls = []url.URL{*peerURL}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.LogLevel = "warn"
	// A throwaway test cluster: durability is not worth the fsync latency.
	cfg.UnsafeNoFsync = true

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return err
	}
	select {
	case <-e.Server.ReadyNotify():
	case <-time.After(60 * time.Second):
		e.Close()
		return fmt.Errorf("etcd did not become ready within 60s (data dir %s)", dir)
	}
	stopEtcd = e.Close
	return nil
}
