// Command realcluster runs the real Kubernetes control plane, built from the
// upstream k8s.io/kubernetes module, for kubedeck's test:real suite.
//
// One binary, several roles, each started as its own process by
// scripts/cluster-up.sh. A single binary means the large shared dependency
// graph is compiled and linked once instead of three times, which matters on
// a 2-core CI machine.
//
//	realcluster certs <dir>                      CA, serving cert, admin client cert, service-account keys
//	realcluster apiserver <kube-apiserver flags> kube-apiserver with etcd embedded in the same process
//	realcluster controller-manager <flags>       kube-controller-manager
//	realcluster scheduler <flags>                kube-scheduler
//
// The embedded etcd is configured through environment variables so that every
// command-line flag after the role belongs to the upstream component unchanged:
// REALCLUSTER_ETCD_DIR (data dir), REALCLUSTER_ETCD_CLIENT_PORT,
// REALCLUSTER_ETCD_PEER_PORT.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"k8s.io/component-base/cli"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
)

func usage() {
	fmt.Fprintln(os.Stderr, "usage: realcluster certs <dir> | apiserver|controller-manager|scheduler [flags]")
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	role, rest := os.Args[1], os.Args[2:]

	var command *cobra.Command
	switch role {
	case "certs":
		if len(rest) != 1 {
			usage()
		}
		if err := writeCerts(rest[0]); err != nil {
			fmt.Fprintln(os.Stderr, "realcluster certs:", err)
			os.Exit(1)
		}
		return
	case "apiserver":
		if err := startEmbeddedEtcd(); err != nil {
			fmt.Fprintln(os.Stderr, "realcluster apiserver: embedded etcd:", err)
			os.Exit(1)
		}
		command = apiserver.NewAPIServerCommand()
	case "controller-manager":
		command = controllermanager.NewControllerManagerCommand()
	case "scheduler":
		command = scheduler.NewSchedulerCommand()
	default:
		usage()
	}

	// The upstream commands parse os.Args[1:]; drop our role word.
	command.SetArgs(rest)
	code := cli.Run(command)
	if stopEtcd != nil {
		stopEtcd()
	}
	os.Exit(code)
}
