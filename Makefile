# wbill — the two commands a fresh Debian machine with Swift needs are `make demo` and `make test`.
SWIFT ?= swift
PREFIX ?= /usr/local
# `make install SETGID=wbill`: the binary set-group-id to that group, the database in DATADIR
# (man wbill-operator, DEPLOYMENT).
SETGID ?=
DATADIR ?= /var/lib/wbill
RELEASE_BIN = .build/release/wbill
DEBUG_BIN = .build/debug/wbill

.PHONY: all deps deps-test build release test demo card-demo bench docs check-docs lint-man install clean

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

build: deps
	$(SWIFT) build

# The Swift runtime, SQLite and the C++ runtime are linked statically into the release binary
# (the C library stays shared): loading and relocating shared libraries was most of every command's
# start-up time. scripts/static-archives.sh says how.
release: deps
	PKG_CONFIG_PATH="$$(scripts/static-archives.sh .build/static-archives)$${PKG_CONFIG_PATH:+:$$PKG_CONFIG_PATH}" \
		$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath

# Every test: unit tests of the library and the kernel, and end-to-end runs of the real binary.
test: deps-test
	$(SWIFT) build
	scripts/run-tests.sh

# Builds in release and runs the main job on a demo database in a temporary directory.
demo: release
	WBILL=$(RELEASE_BIN) examples/demo.sh

# The IC card work at the counter, on the simulated card reader (wbill-cardsim).
card-demo: release
	WBILL=$(RELEASE_BIN) examples/card-demo.sh

# Benchmarks: each compares wbill with a baseline measured in the same run and prints the ratio.
bench: deps-test release
	WBILL=$(RELEASE_BIN) Benchmarks/run.sh

# Regenerates the man pages and shell completions from the command table.
docs: build
	$(DEBUG_BIN) man man
	$(DEBUG_BIN) completion bash > completions/wbill.bash
	$(DEBUG_BIN) completion zsh > completions/_wbill
	$(DEBUG_BIN) completion fish > completions/wbill.fish

lint-man: deps-test
	mandoc -Tlint -W warning man/*.1

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/wbill
ifneq ($(SETGID),)
	# Set-group-id to $(SETGID); the data directory it may use is named beside it, root's to change.
	chgrp $(SETGID) $(DESTDIR)$(PREFIX)/bin/wbill
	chmod 2755 $(DESTDIR)$(PREFIX)/bin/wbill
	install -d -m 755 $(DESTDIR)$(PREFIX)/share/wbill
	echo '$(DATADIR)' > $(DESTDIR)$(PREFIX)/share/wbill/data-directory
	chmod 644 $(DESTDIR)$(PREFIX)/share/wbill/data-directory
	install -d -m 2770 -g $(SETGID) $(DESTDIR)$(DATADIR)
endif
	install -m 755 .build/release/wbill-cardsim $(DESTDIR)$(PREFIX)/bin/wbill-cardsim
	install -m 644 man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 completions/wbill.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/wbill
	install -m 644 completions/_wbill $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_wbill
	install -m 644 completions/wbill.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/wbill.fish

clean:
	rm -rf .build
