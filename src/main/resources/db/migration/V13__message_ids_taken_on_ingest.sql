-- A pushed message's id is now taken when the inbox processor ingests the message, no longer when
-- the message is acknowledged (an acknowledgement only appends to event_inbox). The ids of the
-- messages that wait in the inbox were taken the old way: they are released, or the processor
-- would take them for repeats and drop the messages.
DELETE FROM webhook_messages w USING event_inbox i WHERE w.id = i.message_id;
