#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a libvirt test-driver node file with N machines, every other one
running, each with a disk, a NIC and VNC graphics like the sandbox lab's,
for load benchmarks. Usage: gen-node.py N OUT.xml"""
import sys
import uuid

n, out = int(sys.argv[1]), sys.argv[2]
parts = ['<node xmlns:test="http://libvirt.org/schemas/domain/test/1.0">',
         "<cpu><mhz>2400</mhz><sockets>1</sockets><cores>8</cores><threads>2</threads>"
         "<nodes>1</nodes><active>16</active></cpu>",
         "<memory>67108864</memory>"]
for i in range(n):
    running = i % 2 == 0
    parts.append(
        f"<domain type='test'><name>load-{i:05d}</name><uuid>{uuid.UUID(int=0x5A5A0000 + i)}</uuid>"
        "<memory unit='MiB'>512</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
        "<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
        f"<source file='/var/lib/libvirt/images/load-{i:05d}.qcow2'/><target dev='vda' bus='virtio'/></disk>"
        "<interface type='network'><source network='default'/><model type='virtio'/></interface>"
        "<graphics type='vnc' port='-1' autoport='yes'/></devices>"
        f"<test:runstate>{1 if running else 5}</test:runstate></domain>")
parts.append("<network><name>default</name><bridge name='virbr0'/><forward/>"
             "<ip address='192.168.122.1' netmask='255.255.255.0'><dhcp>"
             "<range start='192.168.122.2' end='192.168.122.254'/></dhcp></ip></network>")
parts.append("<pool type='dir'><name>default</name><target><path>/var/lib/libvirt/images</path></target></pool>")
parts.append("</node>")
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(parts) + "\n")
