-- Media anchoring per trunk: whether calls relay RTP through rtpengine, and what the trunk side
-- of that media speaks. Existing trunks keep today's behaviour (SDP passed through).
alter table trunk
    add column media            varchar(16) not null default 'PASS_THROUGH',
    add column media_encryption varchar(8)  not null default 'NONE';
