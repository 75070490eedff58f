/// The man page sections the staff groups share: permissions, enforcement, deployment.
enum StaffManual {
    static let permissions = """
        A role grants permissions, separated by spaces. A permission is a command's name with dots
        (account.recharge, meter.group.add, db.backup), a group's wildcard (account.*, report.*,
        meter.group.*), or * for everything; any of them followed by :read allows only the commands
        that change nothing (lists, shows, reports, exports, status). operator.act-for is the right
        to act for another operator (--operator). Help, completion and man pages need no permission.

        The built-in roles, created with the database, never change or go away; copy one to start a
        role of your own (wbill role add NAME --copy-of cashier --allow account.adjust):

          admin         *
          cashier       *:read account.recharge account.refund account.pay customer.open
                        customer.edit customer.transfer customer.close card.*
          meter-reader  reading.add reading.import reading.estimate reading.list meter.list
                        meter.show meter.group.list meter.group.show
          technician    *:read meter.* meter-type.* reading.* valve.* alarm.* card.readers
                        card.status card.read
          auditor       *:read
          cron          report.* export.* audit.* bill.run bill.late-fees db.backup db.status

        wbill role show NAME lists every command a role allows.
        """

    static let enforcement = """
        Until the first operator is added, wbill runs in set-up mode: anyone who can open the
        database may run any command, and wbill db status says so. The first operator must have a
        role that grants operator.* (admin does) and a login, so the utility cannot lock itself
        out; later changes that would leave no enabled operator able to manage operators are refused.

        Once an operator exists, every command (but help, completion and man) checks, before it
        opens anything else, that the acting operator's role grants its permission, and is refused
        with exit 77 naming the permission it needs. The acting operator is the one whose --login
        names include the login name of the process's real user (from the password database, never
        from $USER). A login that is no operator's is refused. --operator NAME (or
        $WBILL_OPERATOR) naming another operator is allowed only when the login's operator has
        operator.act-for, as a shared counter terminal's would; then the named operator's role is
        the one checked, and every audit entry records the login's operator with the one it acted
        for (audit list: the on_behalf_of column).
        """

    static let deployment = """
        Roles keep honest people from mistakes. To keep users from going around them (opening the
        database with sqlite3, say), the database must be out of their reach and wbill the only way
        in. On one machine:

          groupadd --system wbill
          make install SETGID=wbill DATADIR=/var/lib/wbill
          wbill init                   # as root: /var/lib/wbill/wbill.db
          wbill operator add 'Li Na' --role admin --login lina

        make install SETGID=wbill installs the binary owned by root, group wbill, mode 2755
        (set-group-id), writes the data directory's path to PREFIX/share/wbill/data-directory
        (root's, mode 0644: wbill refuses to run set-group-id without it), and creates the
        directory owned by group wbill, mode 2770. A database created in such a directory is
        0660 and of its group (wbill init keeps it so). Users are not in the group: they cannot
        read or write the file themselves, only through wbill, which checks their role.

        Running set-group-id (its effective group is not the user's), wbill: uses the database in
        the data directory, and refuses --db naming a file anywhere else; ignores the variables that
        would redirect a file or the clock (WBILL_DB, XDG_DATA_HOME, HOME for the database,
        WBILL_TRACE_SQL, WBILL_NOW); and opens every file it reads or writes for the user (the
        input files of imports, -o and --output files, --rejects, backups, bill print files) with
        the user's own group, so it cannot be used to read or write a file the user could not. The
        card reader's port (--port, WBILL_CARD_PORT) is opened with the user's group too: a user
        who may use the reader is in its device's group.
        """
}
