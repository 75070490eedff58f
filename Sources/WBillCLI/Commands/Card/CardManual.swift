/// The card group's man page sections: the card layout, byte by byte, and the security codes.
enum CardManual {
    static let layout = """
        A wbill card is written in card layout version 1 in the SLE4442's 256 bytes. Integers are
        unsigned and big-endian; text is ASCII padded with NUL bytes; volumes are whole
        thousandths of the utility's volume unit (litres when it is m³); each area ends with the
        CRC-32 (IEEE) of its bytes. Unused bytes are left as the blank card had them (FF).

          bytes     field
          0-31      the manufacturer's area (answer to reset, chip serial); never written
          32-35     "WBIC", which marks a wbill card
          36        layout version: 1
          37        card kind: 1 customer card
          38-41     utility code
          42-45     card number
          46-47     replacement count: cards issued for the account before this one
          48-67     account number, 20 bytes
          68-131    meter serial, 64 bytes
          132-135   CRC-32 of bytes 32-131 (the identity area)
          136-139   purchase sequence: the account's purchase count (0: none yet)
          140-143   purchased volume
          144-151   cumulative purchases: every volume bought for the account
          152-155   CRC-32 of bytes 136-151 (the purchase area)
          156-175   a copy of bytes 136-155
          176-179   meter: remaining credit
          180-187   meter: cumulative use
          188-189   meter: status word; bit 0 set: written by a meter
          190-193   meter: the sequence of the last purchase it took
          194-197   CRC-32 of bytes 176-193 (the meter's write-back area)
          198-255   unused

        The counter writes a purchase into the purchase area first and its copy second, so that a
        write stopped half-way leaves one of them whole: the area, when it stopped in the copy; the
        copy (the purchase before), when it stopped in the area. The meter takes a purchase only
        when its sequence is the one after the last it took, and writes only its own area. A card
        carries one purchase at a time: it is recharged again once its write-back area shows the
        meter took the purchase on it; a card issued as a replacement is recharged once a meter
        has written its area (status bit 0).

        A card whose bytes from 32 on are all FF is blank. A card without "WBIC" at byte 32 is not
        a wbill card; one with another layout version, or an identity area whose CRC does not
        match, is refused before any security code is presented to it.
        """

    static let securityCodes = """
        Each card has its own 3-byte security code: the first 3 bytes of HMAC-SHA256 under the
        utility's card secret of "wbill/card-code/v1" followed by the card number (4 bytes,
        big-endian) — the next 3 should those be FF FF FF, the code a blank card comes with. The
        utility code on each card is the first 4 bytes of HMAC-SHA256 of "wbill/utility-code/v1"
        under the same secret, which tells this utility's cards from another's.

        The card secret is 32 random bytes made when the database is created (wbill init) or
        brought up to date (wbill db migrate), kept in the database so that a backup carries it,
        and never printed. Losing it makes every card issued unwritable.
        """
}
