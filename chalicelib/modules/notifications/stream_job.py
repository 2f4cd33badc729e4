"""The mail sender: each new inbox message (to whoever wants it by e-mail) and each mail a job
queued, sent once the transaction that wrote it committed, from the table's stream.

On AWS the stream's event source mapping (infra/resources.py MAIL_SENDER: its filter, batch
size and retries) calls app.py's `mail_sender` with batches of records; locally
infra/local/streams.py reads moto's stream and calls `handle` the same way. A mail SES refuses
waits in the outbox index for the SLA sweep (usecases.mail_record). A record that fails even so
(the table refusing that write) is reported by its sequence number (Powertools' partial batch
response, never an exception: its text would carry the errors' messages into the log), and the
stream hands it again, with those after it, until it goes or is reported to the failure
queue.
"""

from __future__ import annotations

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

from chalicelib.kernel.observability import logger
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.notifications import usecases
from chalicelib.modules.notifications.models import MailOutbox, Notification

_processor = BatchProcessor(event_type=EventType.DynamoDBStreams,
                            raise_on_entire_batch_failure=False)


def _mail(record: DynamoDBRecord) -> None:
    item = Item.from_raw_data(record.raw_event["dynamodb"].get("NewImage") or {})
    if isinstance(item, Notification | MailOutbox):
        usecases.mail_record(item)


def handle(event: dict, context=None) -> dict:
    """A batch of stream records: `{"batchItemFailures": [...]}`, the records that failed."""
    logger.set_correlation_id(getattr(context, "aws_request_id", None) or keys.new_id("mail"))
    return process_partial_response(event=event, record_handler=_mail, processor=_processor,
                                    context=context)
