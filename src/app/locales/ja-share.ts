// Japanese templates for sharing the app, sending and receiving files (merged into ./ja.ts).
import { str } from '@lit/localize';

export const shareTemplates = {
  'share.title': 'アプリを共有',
  'share.lead':
    'スマホのカメラでコードを読み取ると、たまラボが開きます。一度開けばオフラインでも使え、ホーム画面に追加できます。',
  'share.qr': str`${0} の QR コード`,
  'share.copied': 'リンクをコピーしました',
  'share.copy': 'リンクをコピー',
  'share.system': '共有…',
  'receive.title': '受け取ったファイル',
  'receive.working': str`「${0}」を読み込んでいます…`,
  'receive.none':
    '何も受け取っていません。LINE やメール、ファイルアプリからモデルやデータセットの .zip をたまラボに共有すると、ここで読み込まれます。',
  'receive.model.added': str`モデル「${0}」を追加しました。`,
  'receive.model.duplicate': str`モデル「${0}」はすでにこの端末にあります。`,
  'receive.model.use': 'このモデルでライブ検出',
  'receive.dataset.added': str`「${1}」から写真を ${0} 枚追加しました。`,
  'receive.dataset.duplicates': str`${0} 枚はすでにデータセットにあるため、追加しませんでした。`,
  'receive.dataset.bad': str`${0} 件は読めなかったため、除きました。`,
  'receive.dataset.label': 'ラベル付けを開く',
  'receive.refused.notZip': str`「${0}」は .zip ファイルではないため、読み込みませんでした。`,
  'receive.refused.corrupt': str`「${0}」は壊れた .zip のため、読み込めませんでした。`,
  'receive.refused.other': str`「${0}」には、たまラボのモデルも写真も入っていません。`,
  'receive.refused.badModel': str`「${0}」はたまラボのモデルですが、壊れているか、このバージョンでは読めない形式です。`,
  'receive.refused.full': str`端末の保存容量がいっぱいのため、「${0}」を読み込めませんでした。`,
  'receive.refused.failed': str`「${0}」を読み込めませんでした。`,
  'receive.refused.unchanged': '何も変更していません。',
  'share.copyFailed': 'リンクをコピーできませんでした。上のアドレスを選んで手でコピーしてください。',
};
