#!/bin/sh
echo demo_external=yes
